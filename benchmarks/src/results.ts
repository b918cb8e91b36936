import type { PayloadId } from './payloads.js'
import type { BridgeResults } from './scenarios/mqtt-bridge.js'

/**
 * Which server a row measures: the null server; the null server that also feeds each body to bare
 * saxes (no tree, no event: the least a saxes-based SDK does) or to our parser (`BodyParser`,
 * `'discard'`), dropping the result, which isolates the parse from the rest of `ViewtronServer`;
 * or ours with an image mode.
 */
export type ServerLabel = 'null' | 'sax' | 'parse' | 'memory' | 'discard' | 'dir' | 'store'

/** One payload class against one server. */
export interface ThroughputRow {
  payload: PayloadId
  label: string
  server: ServerLabel
  connections: number
  /** Open-loop rows: the rate offered (posts/s); null for back-to-back posting. */
  offeredPerSec: number | null
  bodyBytes: number
  postsPerSec: number
  mibPerSec: number
  /** Posts acknowledged by the server over the whole run (client's count). */
  acknowledged: number
  /** Events (plus heartbeats) the `for await` loop and `stats()` accounted for; bodies for null. */
  delivered: number
  /** delivered === acknowledged, nothing failed or unparsed, every image seen. */
  deliveredOk: boolean
  failed: number
  p50Ms: number | null
  p99Ms: number | null
  peakRssMib: number
  /** Server CPU over the window, % of one core. */
  cpuPercent: number
  cpuUsPerPost: number
  /** With a store attached: WAL commits plus image-file fsyncs per second, and writes per commit. */
  store?: { fsyncsPerSec: number; commitsPerSec: number; averageBatch: number; refused: number }
  /** ours / null in the same run; null for the null server. */
  ratio: { throughput: number; p50: number | null; p99: number | null; rss: number } | null
  errors: string[]
}

/** One single large post against one server. */
export interface MemoryRow {
  sizeMib: number
  server: ServerLabel
  seconds: number
  mibPerSec: number
  baselineRssMib: number
  peakRssMib: number
  rssGrowthMib: number
  heapGrowthMib: number
  /** Growth of Buffer memory outside the JS heap (`arrayBuffers`). */
  buffersGrowthMib: number
  rssSource: 'VmHWM' | 'sampled'
  acknowledged: boolean
  delivered: boolean
  imageBytes: number
}

/** Many connections of large posts, with a slow consumer. */
export interface ConcurrencyRow {
  server: ServerLabel
  connections: number
  bodyBytes: number
  consumerDelayMs: number | null
  highWaterMark: number | null
  postsPerSec: number
  mibPerSec: number
  acknowledged: number
  delivered: number
  deliveredOk: boolean
  p99Ms: number | null
  peakRssMib: number
  rssRatio: number | null
}

export interface TargetRow {
  measure: string
  target: string
  value: string
  met: boolean | null
}

/** Where the server child's CPU time goes, per post, for one payload class. */
export interface ProfileRow {
  payload: PayloadId
  server: ServerLabel
  posts: number
  /** Profiled (non-idle) CPU time per post, µs. */
  usPerPost: number
  /** Share of that time per bucket, 0–1, largest first. */
  buckets: { bucket: string; share: number; usPerPost: number }[]
  /** The heaviest functions by self time. */
  top: { name: string; where: string; share: number }[]
  file: string
}

export interface MachineInfo {
  cpus: number
  cpuModel: string
  totalMemGib: number
  /** The Node the servers under test ran on (`--node`), `process.version` style. */
  node: string
  /** The Node of the load generator and parent (absent in results from before `--node`). */
  clientNode?: string
  platform: string
}

export interface BenchResults {
  generatedAt: string
  quick: boolean
  /** The figures were taken with --cpu-prof on (slower). */
  profiled: boolean
  /** Module URL of the `@viewtron/core` build measured with `--core`; null for the workspace's. */
  core: string | null
  machine: MachineInfo
  settings: {
    connections: number
    rounds: number
    warmupMs: number
    durationMs: number
    concurrency: {
      connections: number
      durationMs: number
      consumerDelayMs: number
      highWaterMark: number
    }
    memorySizesMib: number[]
  }
  throughput: ThroughputRow[]
  /** Image classes at a fixed offered rate (open loop), for latency below saturation. */
  latency: ThroughputRow[]
  memory: MemoryRow[]
  concurrency: ConcurrencyRow[]
  targets: TargetRow[]
  profile: ProfileRow[]
  /** The event store beside the plain server, and plate search over many rows. */
  store?: StoreResults
  /** The MQTT bridge scenario (end to end through a real broker, and with it stalled). */
  bridge?: BridgeResults
  /** Seconds the whole run took. */
  seconds: number
}

/** Time of one plate search over the plate-search database. */
export interface PlateSearchRow {
  /** What was searched, e.g. `KXT482I (misread)`. */
  query: string
  rows: number
  /** Median and slowest of the repeats, in ms. */
  medianMs: number
  maxMs: number
}

/** The store scenario: throughput with the store attached, and plate search. */
export interface StoreResults {
  /** Each class against our plain server ('memory') and with the store attached. */
  throughput: ThroughputRow[]
  /** Events in the database searched. */
  searchRows: number
  /** Seconds spent filling it (0 when reused from an earlier run). */
  fillSeconds: number
  search: PlateSearchRow[]
}
