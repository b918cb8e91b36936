import { nodeMajor } from './report/node-lines.js'
import type { BenchResults, TargetRow, ThroughputRow } from './results.js'

const IMAGE_CLASSES = ['ipc-lpr', 'nvr-intrusion'] as const

function row(results: Pick<BenchResults, 'throughput'>, payload: string, server: string) {
  return results.throughput.find((r) => r.payload === payload && r.server === server)
}

function fmt(n: number, digits = 2): string {
  return n.toFixed(digits)
}

/** The lowest of some ratios, with the row it came from, for a "worst case" target. */
function worst(rows: (ThroughputRow | undefined)[], pick: (r: ThroughputRow) => number | null) {
  let found: { value: number; row: ThroughputRow } | null = null
  for (const r of rows) {
    if (r === undefined) continue
    const value = pick(r)
    if (value === null) continue
    if (found === null || value < found.value) found = { value, row: r }
  }
  return found
}

/**
 * The targets, each with the measured value and whether it is met. A target whose rows
 * were not run (e.g. `--only memory`) reports `met: null`.
 */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>): TargetRow[] {
  const targets: TargetRow[] = []
  const traject = row(results, 'traject', 'memory')
  targets.push({
    measure: 'traject events/s delivered to a `for await` loop',
    target: '≥ 0.5× null posts/s',
    value: traject?.ratio
      ? `${fmt(traject.ratio.throughput)}× (${Math.round(traject.postsPerSec)}/s)`
      : 'not run',
    met: traject?.ratio ? traject.ratio.throughput >= 0.5 && traject.deliveredOk : null,
  })
  for (const [server, min] of [
    ['memory', 0.5],
    ['discard', 0.7],
  ] as const) {
    const rows = IMAGE_CLASSES.map((id) => row(results, id, server))
    const low = worst(rows, (r) => r.ratio?.throughput ?? null)
    targets.push({
      measure: `IPC LPR and NVR intrusion MB/s, \`images: '${server}'\``,
      target: `≥ ${min}× null MB/s`,
      value:
        low === null
          ? 'not run'
          : rows
              .map((r) => (r?.ratio ? `${r.payload} ${fmt(r.ratio.throughput)}×` : ''))
              .join(', '),
      met: low === null ? null : low.value >= min,
    })
  }
  targets.push(...cpuPerPostTargets(results))
  // p99 twice: back to back, where latency is the throughput ratio restated (16 connections each
  // waiting for its reply), and at a fixed rate both servers can sustain.
  for (const [rowsOf, how] of [
    [results.throughput, 'back to back (closed loop)'],
    [results.latency, 'at half our capacity (open loop)'],
  ] as const) {
    const rows = IMAGE_CLASSES.flatMap((id) => [
      row({ throughput: rowsOf }, id, 'memory'),
      row({ throughput: rowsOf }, id, 'discard'),
    ])
    // Highest p99 ratio is the worst; negate to reuse `worst`.
    const high = worst(rows, (r) => (r.ratio?.p99 == null ? null : -r.ratio.p99))
    const connections = rows.find((r) => r !== undefined)?.connections
    targets.push({
      measure: `p99 latency, image posts, ${connections ?? 16} connections, ${how}`,
      target: '≤ 2× null',
      value:
        high === null
          ? 'not run'
          : `worst ${fmt(-high.value)}× (${high.row.payload}, ${high.row.server})`,
      met: high === null ? null : -high.value <= 2 && rows.every((r) => r?.deliveredOk !== false),
    })
  }
  {
    const rows = results.concurrency.filter((r) => r.server === 'discard' || r.server === 'dir')
    // Both modes that keep no image in memory must meet it.
    const highest = rows.reduce<number | null>(
      (max, r) => (r.rssRatio === null ? max : Math.max(max ?? 0, r.rssRatio)),
      null,
    )
    targets.push({
      measure: `peak RSS, ${results.settings.concurrency.connections} connections × 5 MiB posts, slow consumer, \`'discard'\` or \`{ dir }\``,
      target: '≤ 1.3× null',
      value:
        rows.length === 0
          ? 'not run'
          : rows
              .map((r) => `${r.server} ${fmt(r.rssRatio ?? 0)}× (${r.peakRssMib} MiB)`)
              .join(', '),
      met: highest === null ? null : highest <= 1.3,
    })
  }
  {
    const sizes = results.memory.filter((r) => r.server === 'discard').map((r) => r.sizeMib)
    const largest = sizes.length === 0 ? null : Math.max(...sizes)
    const r = results.memory.find((m) => m.server === 'discard' && m.sizeMib === largest)
    targets.push({
      measure: `one ${largest ?? 500} MiB post, \`'discard'\``,
      target: 'peak RSS growth < 64 MB',
      value: r === undefined ? 'not run' : `${r.rssGrowthMib} MiB`,
      met: r === undefined ? null : r.rssGrowthMib * 1.048576 < 64 && r.acknowledged && r.delivered,
    })
  }
  return targets
}

/**
 * The CPU-per-post targets: traject posts/s and image posts/s in both in-memory modes, as ratios
 * to the null server of the same run; image posts must do better on Node 24 and later, whose
 * base64 decoding is faster.
 */
function cpuPerPostTargets(results: Omit<BenchResults, 'targets'>): TargetRow[] {
  const line = nodeMajor(results.machine.node)
  const out: TargetRow[] = []
  for (const [classes, measure, min] of [
    [['traject'], 'traject posts/s', 0.4],
    [IMAGE_CLASSES, 'IPC LPR and NVR intrusion posts/s', line >= 24 ? 0.6 : 0.5],
  ] as const) {
    const rows = classes.flatMap((id) => [row(results, id, 'memory'), row(results, id, 'discard')])
    const low = worst(rows, (r) => r.ratio?.throughput ?? null)
    out.push({
      measure: `${measure}, \`'memory'\` and \`'discard'\`, Node ${line}`,
      target: `≥ ${min}× null posts/s`,
      value:
        low === null
          ? 'not run'
          : `worst ${fmt(low.value)}× (${low.row.payload}, ${low.row.server})`,
      met: low === null ? null : low.value >= min && rows.every((r) => r?.deliveredOk !== false),
    })
  }
  return out
}
