import { type CameraInfo, EVENT_CATEGORIES, type ServerStats } from '@viewtron/core'
import { formatClock } from './format-event.js'

/** Categories with at least one event, as `lpr 2, face 1`; `none` when there were none. */
export function categoryCounts(events: ServerStats['events']): string {
  const parts = EVENT_CATEGORIES.filter((c) => events[c] > 0).map((c) => `${c} ${events[c]}`)
  return parts.length === 0 ? 'none' : parts.join(', ')
}

/** What `serve` prints when it stops: posts, events per category, unparsed, cameras. */
export function formatServerSummary(
  stats: ServerStats,
  cameras: ReadonlyMap<string, CameraInfo>,
  imagesSaved: { count: number; dir: string } | null,
): string {
  const unparsed = Object.entries(stats.unparsed).filter(([, n]) => n > 0)
  const unparsedTotal = unparsed.reduce((sum, [, n]) => sum + n, 0)
  const lines = [
    'Server stopped.',
    `  posts         ${stats.posts} (acknowledged ${stats.acknowledged})`,
    `  events        ${categoryCounts(stats.events)}`,
    `  heartbeats    ${stats.keepalives}`,
    `  alarm status  ${stats.alarmStatus}`,
    `  unparsed      ${unparsedTotal}${unparsed.length === 0 ? '' : ` (${unparsed.map(([r, n]) => `${r} ${n}`).join(', ')})`}`,
  ]
  if (imagesSaved !== null) lines.push(`  images saved  ${imagesSaved.count} in ${imagesSaved.dir}`)
  lines.push(`  cameras       ${cameras.size}`)
  for (const camera of cameras.values()) {
    const name = camera.device?.name ? `  ${camera.device.name}` : ''
    lines.push(
      `    ${camera.clientIp}${name}  ${camera.posts} posts, last seen ${formatClock(camera.lastSeen)}`,
    )
  }
  return `${lines.join('\n')}\n`
}
