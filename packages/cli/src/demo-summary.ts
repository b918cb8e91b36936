import { EVENT_CATEGORIES, type ServerStats } from '@viewtron/core'
import type { EventTally } from './event-tally.js'
import { formatBytes } from './format-bytes.js'
import type { SimulateSummary } from './simulator/simulate-summary.js'

const row = (label: string, events: number | string, images: number | string = ''): string =>
  `  ${label.padEnd(14)}${String(events).padStart(7)}${String(images).padStart(14)}`

/** The table `demo` ends with: events and saved images per category, heartbeats, posts. */
export function formatDemoSummary(
  tally: EventTally,
  stats: ServerStats,
  sent: SimulateSummary,
  imageDir: string,
): string {
  const saved = Object.values(tally.images).reduce((sum, n) => sum + n, 0)
  const { empty, deviceInfo, messageType } = sent.heartbeats
  const lines = ['', 'Demo summary', row('category', 'events', 'images saved')]
  // Every category, `other` (a camera's MOTION post) included.
  for (const category of EVENT_CATEGORIES) {
    lines.push(row(category, tally.events[category], tally.images[category]))
  }
  lines.push(
    row('heartbeats', stats.keepalives),
    `    empty ${empty}, DeviceInfo ${deviceInfo}, messageType ${messageType}`,
    row('alarm status', stats.alarmStatus),
    '',
    `  posts acknowledged  ${sent.acknowledged} of ${sent.posts} (${formatBytes(sent.bytes)}, ${sent.failed} failed)`,
    `  images saved        ${saved} in ${imageDir}`,
  )
  return `${lines.join('\n')}\n`
}
