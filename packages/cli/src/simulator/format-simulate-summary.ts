import { formatBytes } from '../format-bytes.js'
import type { SimulateProgress } from './simulate-options.js'
import type { SimulateSummary } from './simulate-summary.js'

/** The progress line `simulate` redraws on a terminal. */
export function formatProgress(p: SimulateProgress): string {
  const rate = p.seconds > 0 ? (p.posts / p.seconds).toFixed(1) : '0.0'
  return `${p.seconds.toFixed(1)} s  posts ${p.posts}  acknowledged ${p.acknowledged}  failed ${p.failed}  ${rate} posts/s  ${formatBytes(p.bytes)}`
}

/** The summary `simulate` prints when it ends. */
export function formatSimulateSummary(s: SimulateSummary): string {
  const kinds = `heartbeats ${s.byKind.heartbeat}, events ${s.byKind.event}, traject ${s.byKind.traject}, alarm status ${s.byKind['alarm-status']}`
  const lines = [
    `Simulated ${s.cameras} camera${s.cameras === 1 ? '' : 's'} (${s.mode}) against ${s.target}`,
    `  posts         ${s.posts}  (${kinds})`,
    `  acknowledged  ${s.acknowledged}`,
    `  failed        ${s.failed}`,
    `  rate          ${s.rate.toFixed(1)} posts/s over ${s.seconds.toFixed(1)} s`,
    `  bytes         ${formatBytes(s.bytes)} in ${s.connections} connection${s.connections === 1 ? '' : 's'}`,
  ]
  for (const { error, count } of s.errors) lines.push(`  error         ${error} (${count}x)`)
  return `${lines.join('\n')}\n`
}
