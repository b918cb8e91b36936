import { PAYLOAD_IDS } from '../payloads.js'
import type { BenchResults, ServerLabel } from '../results.js'
import type { Table } from './table.js'

const SERVER_NAMES: Record<ServerLabel, string> = {
  null: 'null server',
  sax: 'null + saxes',
  parse: 'null + parser',
  memory: "ours 'memory'",
  discard: "ours 'discard'",
  dir: 'ours { dir }',
  store: 'ours + store',
}

export function serverName(server: ServerLabel): string {
  return SERVER_NAMES[server]
}

function n(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : value < 10 ? n(value, 2) : n(value, 1)
}

function ratio(value: number | null | undefined): string {
  return value == null ? '' : `${n(value, 2)}×`
}

function check(ok: boolean, acknowledged: number, delivered: number): string {
  return ok ? `${n(delivered)} ✓` : `${n(delivered)} ✗ (${n(acknowledged)} acked)`
}

/** Throughput per payload class and server, with the ours / null ratios. */
export function throughputTable(results: BenchResults): Table {
  const table: Table = [
    [
      'class',
      'server',
      'posts/s',
      'MiB/s',
      'delivered = acked',
      'p50 ms',
      'p99 ms',
      'peak RSS MiB',
      'CPU %',
      'CPU µs/post',
      'ratio posts/s',
      'ratio p99',
      'ratio RSS',
    ],
  ]
  for (const id of PAYLOAD_IDS) {
    for (const r of results.throughput.filter((row) => row.payload === id)) {
      table.push([
        r.label,
        serverName(r.server),
        n(r.postsPerSec),
        n(r.mibPerSec),
        check(r.deliveredOk, r.acknowledged, r.delivered),
        ms(r.p50Ms),
        ms(r.p99Ms),
        n(r.peakRssMib),
        n(r.cpuPercent),
        n(r.cpuUsPerPost),
        ratio(r.ratio?.throughput),
        ratio(r.ratio?.p99),
        ratio(r.ratio?.rss),
      ])
    }
  }
  return table
}

/** Image posts at a fixed offered rate (open loop): latency below saturation. */
export function latencyTable(results: Partial<Pick<BenchResults, 'latency'>>): Table {
  const table: Table = [
    [
      'class',
      'server',
      'offered posts/s',
      'achieved posts/s',
      'delivered = acked',
      'p50 ms',
      'p99 ms',
      'CPU %',
      'ratio p50',
      'ratio p99',
    ],
  ]
  const rows = results.latency ?? []
  for (const r of rows) {
    table.push([
      r.label,
      serverName(r.server),
      n(r.offeredPerSec ?? 0),
      n(r.postsPerSec),
      check(r.deliveredOk, r.acknowledged, r.delivered),
      ms(r.p50Ms),
      ms(r.p99Ms),
      n(r.cpuPercent),
      ratio(r.ratio?.p50),
      ratio(r.ratio?.p99),
    ])
  }
  return table
}

/**
 * Server CPU per post taken apart with the reference rows of the same run: what the null server
 * spends (socket and HTTP), what bare saxes adds (traject only: null + saxes − null), what our
 * whole parser adds (null + parser − null), and what the rest of `ViewtronServer` adds on top
 * (callbacks, queue, consumer: ours − null + parser).
 */
export function costTable(results: BenchResults): Table {
  const table: Table = [
    [
      'class',
      'null server µs/post',
      'bare saxes adds',
      'parser adds',
      "rest of ours adds ('discard')",
      "ours 'discard'",
      "'memory' adds",
      "ours 'memory'",
    ],
  ]
  const signed = (value: number) => (value < 0 ? `−${n(-value)}` : `+${n(value)}`)
  for (const id of PAYLOAD_IDS) {
    const row = (server: ServerLabel) =>
      results.throughput.find((r) => r.payload === id && r.server === server)?.cpuUsPerPost
    const base = row('null')
    const sax = row('sax')
    const parse = row('parse')
    const discard = row('discard')
    const memory = row('memory')
    if (base === undefined || parse === undefined || discard === undefined || memory === undefined)
      continue
    const label = results.throughput.find((r) => r.payload === id)?.label ?? id
    table.push([
      label,
      n(base),
      sax === undefined ? '' : signed(sax - base),
      signed(parse - base),
      signed(discard - parse),
      n(discard),
      signed(memory - discard),
      n(memory),
    ])
  }
  return table
}

/** One large post per size and server. */
export function memoryTable(results: BenchResults): Table {
  const table: Table = [
    [
      'post MiB',
      'server',
      'MiB/s',
      'baseline RSS',
      'peak RSS',
      'RSS growth',
      'heap growth',
      'Buffer growth',
      'acked, delivered',
    ],
  ]
  for (const r of results.memory) {
    table.push([
      n(r.sizeMib),
      serverName(r.server),
      n(r.mibPerSec),
      n(r.baselineRssMib, 1),
      n(r.peakRssMib, 1),
      n(r.rssGrowthMib, 1),
      n(r.heapGrowthMib, 1),
      n(r.buffersGrowthMib, 1),
      r.acknowledged && r.delivered ? '✓' : '✗',
    ])
  }
  return table
}

/** Many connections of 5 MiB posts with a slow consumer. */
export function concurrencyTable(results: BenchResults): Table {
  const table: Table = [
    [
      'server',
      'connections',
      'consumer',
      'posts/s',
      'MiB/s',
      'delivered = acked',
      'p99 ms',
      'peak RSS MiB',
      'ratio RSS',
    ],
  ]
  for (const r of results.concurrency) {
    table.push([
      serverName(r.server),
      n(r.connections),
      r.consumerDelayMs === null ? '—' : `${r.consumerDelayMs} ms/event, queue ${r.highWaterMark}`,
      n(r.postsPerSec, 1),
      n(r.mibPerSec),
      check(r.deliveredOk, r.acknowledged, r.delivered),
      ms(r.p99Ms),
      n(r.peakRssMib),
      ratio(r.rssRatio),
    ])
  }
  return table
}

/** The targets with the measured values. */
export function targetsTable(results: BenchResults): Table {
  const table: Table = [['measure', 'target', 'measured', 'met']]
  for (const t of results.targets) {
    table.push([t.measure, t.target, t.value, t.met === null ? '—' : t.met ? 'met' : 'not met'])
  }
  return table
}

/** Where the server's CPU time goes per post, from the `--profile` run. */
export function profileTable(results: Pick<BenchResults, 'profile'>): Table {
  const buckets = [
    'socket/HTTP',
    'splitter scan',
    'saxes',
    'element tree',
    'base64 decode',
    'image store',
    'classify/extract',
    'queue',
    'reply',
    'server logic',
    'harness',
    'GC',
  ]
  const table: Table = [['class', 'server', 'µs/post', ...buckets, 'rest']]
  for (const r of results.profile) {
    const of = (name: string) => r.buckets.find((b) => b.bucket === name)?.usPerPost ?? 0
    const rest = r.usPerPost - buckets.reduce((sum, b) => sum + of(b), 0)
    table.push([
      r.payload,
      serverName(r.server),
      n(r.usPerPost),
      ...buckets.map((b) => n(of(b))),
      n(rest),
    ])
  }
  return table
}

/** The store scenario: each class without and with the store, fsyncs and batches. */
export function storeTable(results: BenchResults): string[][] {
  const rows = results.store?.throughput ?? []
  return [
    [
      'Payload',
      'Server',
      'Posts/s',
      'Delivered',
      'p50 ms',
      'p99 ms',
      'fsyncs/s',
      'Per commit',
      '× posts/s',
      '× p99',
    ],
    ...rows.map((r) => [
      r.label,
      serverName(r.server),
      n(r.postsPerSec),
      check(r.deliveredOk, r.acknowledged, r.delivered),
      ms(r.p50Ms),
      ms(r.p99Ms),
      r.store === undefined ? '' : n(r.store.fsyncsPerSec),
      r.store === undefined ? '' : n(r.store.averageBatch, 1),
      ratio(r.ratio?.throughput),
      ratio(r.ratio?.p99),
    ]),
  ]
}

/** Plate searches over the store scenario's database. */
export function plateSearchTable(results: BenchResults): string[][] {
  const store = results.store
  if (store === undefined) return []
  return [
    [`Search over ${n(store.searchRows)} events`, 'Rows', 'Median ms', 'Max ms'],
    ...store.search.map((r) => [r.query, n(r.rows), ms(r.medianMs), ms(r.maxMs)]),
  ]
}
