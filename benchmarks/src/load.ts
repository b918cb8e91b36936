import { Pool } from 'undici'
import { LatencyRecorder } from './latency.js'

/** One load run: `connections` keep-alive connections posting `body` back to back. */
export interface LoadOptions {
  origin: string
  path: string
  connections: number
  body: Buffer
  contentType: string
  /** The exact reply a post must get to count as acknowledged. */
  reply: string
  warmupMs: number
  durationMs: number
  /**
   * Open loop: offer this many posts per second in all, on a fixed schedule per connection, and
   * time each post from when it was due (so a server that falls behind pays for the queue it
   * builds). Unset: closed loop, each connection posting again as soon as it has its reply.
   */
  ratePerSec?: number
  /** Called when the warm-up ends and when the measured window ends (to snapshot the server). */
  onWindow?: (edge: 'start' | 'end') => Promise<void> | void
}

export interface LoadResult {
  /** Posts acknowledged over the whole run (warm-up and drain included). */
  acknowledged: number
  /** Posts that failed (wrong status or body, or a network error). */
  failed: number
  /** Acknowledged posts that completed inside the measured window. */
  windowPosts: number
  /** Length of the measured window, in seconds. */
  windowSeconds: number
  p50Ms: number | null
  p99Ms: number | null
  /** Up to five distinct failure reasons. */
  errors: string[]
}

/**
 * Drives one server with undici: a pool of `connections` keep-alive connections (pipelining 1)
 * and as many workers, each posting the next body as soon as the previous reply has been read
 * (or, with `ratePerSec`, when its next post is due). Latency is from sending a request (or from
 * when it was due) to having read its whole reply, for posts sent (or due) and completed inside
 * the measured window (after the warm-up).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 600_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 300_000,
    bodyTimeout: 300_000,
  })
  const latencies = new LatencyRecorder()
  const errors = new Set<string>()
  const headers = {
    'content-type': options.contentType,
    'content-length': String(options.body.length),
  }
  let acknowledged = 0
  let failed = 0
  let windowPosts = 0
  let phase: 'warmup' | 'window' | 'drain' = 'warmup'
  let windowStart = Number.POSITIVE_INFINITY

  // Open loop: each worker owns every `connections`-th slot of one schedule.
  const interval =
    options.ratePerSec === undefined ? 0 : (1000 * options.connections) / options.ratePerSec
  const origin = performance.now()
  const worker = async (index: number): Promise<void> => {
    let due = origin + (interval * index) / options.connections
    while (phase !== 'drain') {
      let started = performance.now()
      if (interval > 0) {
        if (due > started) {
          await sleep(due - started)
          // On time: the clock starts as it is sent (a late timer is not the server's doing).
          started = performance.now()
        } else {
          // Late because the last reply was: the wait for it is part of this post's latency.
          started = due
        }
        due += interval
        // The window may have closed during the wait.
        if ((phase as string) === 'drain') break
      }
      try {
        const { statusCode, body } = await pool.request({
          path: options.path,
          method: 'POST',
          headers,
          body: options.body,
        })
        const text = await body.text()
        if (statusCode !== 200 || text !== options.reply) {
          failed++
          if (errors.size < 5) errors.add(`status ${statusCode}: ${text.slice(0, 80)}`)
          continue
        }
        acknowledged++
        if (phase === 'window') {
          windowPosts++
          // Timed only if sent (or due) inside the window: with the open loop, a backlog left by a
          // cold start in the warm-up must not be counted as the latency of the window.
          if (started >= windowStart) latencies.add(performance.now() - started)
        }
      } catch (error) {
        failed++
        if (errors.size < 5) errors.add(error instanceof Error ? error.message : String(error))
        // Do not spin on a dead server.
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
  }

  const workers = Array.from({ length: options.connections }, (_, index) => worker(index))
  await sleep(options.warmupMs)
  await options.onWindow?.('start')
  windowStart = performance.now()
  phase = 'window'
  await sleep(options.durationMs)
  phase = 'drain'
  const windowSeconds = (performance.now() - windowStart) / 1000
  await options.onWindow?.('end')
  await Promise.all(workers)
  await pool.close()
  const [p50Ms, p99Ms] = latencies.percentiles(50, 99)
  return {
    acknowledged,
    failed,
    windowPosts,
    windowSeconds,
    p50Ms: p50Ms ?? null,
    p99Ms: p99Ms ?? null,
    errors: [...errors],
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
