import { PAYLOAD_IDS } from '../payloads.js'
import type { BenchResults } from '../results.js'
import type { Table } from './table.js'
import { serverName } from './tables.js'

/** The major version of a `process.version` string (`v24.22.3` → 24). */
export function nodeMajor(version: string): number {
  return Number.parseInt(version.replace(/^v/, ''), 10)
}

/**
 * For each Node line that has results, its newest full run, or its newest quick run when it has
 * no full one (a quick run never displaces a full one); lines in ascending order. Runs that
 * measured another core build (`--core`) or were profiled are not comparable and are left out.
 */
export function newestPerLine(runs: readonly BenchResults[]): BenchResults[] {
  const byLine = new Map<number, BenchResults>()
  for (const run of runs) {
    if (run.core !== null || run.profiled || run.throughput.length === 0) continue
    const line = nodeMajor(run.machine.node)
    const kept = byLine.get(line)
    const better =
      kept === undefined ||
      (kept.quick && !run.quick) ||
      (kept.quick === run.quick && run.generatedAt > kept.generatedAt)
    if (better) byLine.set(line, run)
  }
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([, run]) => run)
}

/** A column group's heading: the Node version, marked when the figures are from a quick run. */
function lineName(run: BenchResults): string {
  return `Node ${run.machine.node}${run.quick ? ' (quick)' : ''}`
}

function n(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/**
 * Throughput of every class and server on each Node line side by side: posts/s, the ratio to the
 * null server of the same line and run, and server CPU per post.
 */
export function nodeLinesTable(runs: readonly BenchResults[]): Table {
  const head = ['class', 'server']
  for (const run of runs) {
    const name = lineName(run)
    head.push(`${name} posts/s`, 'ratio', 'CPU µs/post')
  }
  const table: Table = [head]
  for (const id of PAYLOAD_IDS) {
    const servers = new Set(
      runs.flatMap((run) => run.throughput.filter((r) => r.payload === id).map((r) => r.server)),
    )
    for (const server of servers) {
      const label = runs
        .flatMap((run) => run.throughput)
        .find((r) => r.payload === id && r.server === server)!.label
      const cells = [label, serverName(server)]
      for (const run of runs) {
        const r = run.throughput.find((row) => row.payload === id && row.server === server)
        cells.push(
          r === undefined ? '' : n(r.postsPerSec),
          r?.ratio ? `${r.ratio.throughput.toFixed(2)}×` : '',
          r === undefined ? '' : n(r.cpuUsPerPost),
        )
      }
      table.push(cells)
    }
  }
  return table
}
