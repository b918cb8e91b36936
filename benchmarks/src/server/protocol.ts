/**
 * Messages between the benchmark parent and a server child (over the `fork` IPC channel). Each
 * request carries an `id`; the child answers with the same `id`.
 */

/** How a server child is configured: passed as JSON in its first argument. */
export type ServerChildConfig =
  | { kind: 'null'; reply: string }
  | {
      /** The null server that also parses each body with `BodyParser` (`'discard'`). */
      kind: 'parse'
      reply: string
      coreModule?: string
    }
  | {
      /** The null server that also feeds each body to a bare saxes parser. */
      kind: 'sax'
      reply: string
    }
  | {
      kind: 'ours'
      images: 'memory' | 'discard' | { dir: string }
      /** Per-event delay of the `for await` consumer, in ms (0: as fast as it can). */
      consumerDelayMs: number
      /** Subscriber queue length; unset keeps the server's default. */
      highWaterMark?: number
      /** Raised for the memory-scaling run. */
      maxBodyBytes?: number
      maxImageBytes?: number
      /** URL of another build of `@viewtron/core` to load instead (`--core`, for A/B runs). */
      coreModule?: string
      /** Attach an `@viewtron/store` event store writing here (the store scenario). */
      store?: { path: string; imagesDir: string }
    }

export type ServerKind = ServerChildConfig['kind']

/** What a child counts and measures about itself. */
export interface ChildSnapshot {
  /** Bodies read to their end (null server) or posts parsed (`stats().posts`). */
  posts: number
  /** Success replies sent. */
  acknowledged: number
  /** Events the `for await` loop received (null server: bodies read). */
  delivered: number
  /** Delivered events by category, as the consumer read them. */
  categories: Record<string, number>
  /** Heartbeats (`stats().keepalives`); 0 for the null server. */
  keepalives: number
  /** Alarm on/off posts (`stats().alarmStatus`): acknowledged, never delivered as events. */
  alarmStatus: number
  /** Events waiting in the subscriber's queue now. */
  queueDepth: number
  /** Posts that became no event (must stay 0). */
  unparsed: number
  /** Body bytes read. */
  bytes: number
  /** Images seen by the consumer, valid ones, and JPEGs whose decoded bytes it checked. */
  images: number
  validImages: number
  checkedJpegs: number
  /** Decoded image bytes the consumer saw. */
  imageBytes: number
  /** `process.cpuUsage()`, in µs. */
  cpuUser: number
  cpuSystem: number
  rss: number
  heapUsed: number
  arrayBuffers: number
  /** Peak RSS of the process's life so far (`resourceUsage().maxRSS`), in bytes. */
  maxRss: number
  /** With a store attached: its commits, writes committed and image fsyncs so far. */
  store?: { commits: number; writes: number; imageFsyncs: number; refused: number }
}

/** Peak memory since the last `mark`, in bytes. */
export interface PeakMemory {
  /** Resident set at the mark, after a forced GC. */
  baselineRss: number
  baselineHeapUsed: number
  baselineArrayBuffers: number
  /** `VmHWM` after resetting it at the mark when the kernel allows, else the sampled maximum. */
  peakRss: number
  peakHeapUsed: number
  peakArrayBuffers: number
  /** How `peakRss` was obtained. */
  rssSource: 'VmHWM' | 'sampled'
}

export type ParentRequest =
  | { id: number; type: 'snapshot' }
  | { id: number; type: 'mark' }
  | { id: number; type: 'peak' }
  | { id: number; type: 'stop' }

export type ChildMessage =
  | { type: 'ready'; port: number /** The child's `process.version`. */; node: string }
  | { type: 'failed'; error: string }
  | { id: number; type: 'snapshot'; snapshot: ChildSnapshot }
  | { id: number; type: 'peak'; peak: PeakMemory }
  | { id: number; type: 'stopped'; snapshot: ChildSnapshot }
