import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SUCCESS_REPLY } from '@viewtron/core'
import { runLoad } from '../load.js'
import type { Payload } from '../payloads.js'
import type { ConcurrencyRow, ServerLabel } from '../results.js'
import { MIB, mib, serverConfig } from '../server/server-config.js'
import { ServerProcess } from '../server/server-process.js'

export interface ConcurrencyOptions {
  connections: number
  warmupMs: number
  durationMs: number
  /** Per-event delay of our consumer: deliberately slow. */
  consumerDelayMs: number
  /** Our subscriber's queue length, small so backpressure engages within the run. */
  highWaterMark: number
}

/** The servers of the concurrency run, in table order. */
export const CONCURRENCY_SERVERS: readonly ServerLabel[] = ['null', 'discard', 'dir', 'memory']

/**
 * Many connections posting large bodies back to back, our consumer sleeping after every event:
 * the queue fills, replies are held, bodies stay unread in the sockets, and peak RSS shows what
 * that costs next to the null server under the same load.
 */
export async function measureConcurrency(
  payload: Payload,
  server: ServerLabel,
  options: ConcurrencyOptions,
): Promise<Omit<ConcurrencyRow, 'rssRatio'>> {
  const dir = server === 'dir' ? await mkdtemp(join(tmpdir(), 'viewtron-bench-')) : undefined
  const ours = server !== 'null'
  const child = await ServerProcess.start(
    serverConfig(server, {
      ...(dir === undefined ? {} : { dir }),
      consumerDelayMs: options.consumerDelayMs,
      highWaterMark: options.highWaterMark,
    }),
  )
  try {
    const load = await runLoad({
      origin: `http://127.0.0.1:${child.port}`,
      path: '/API',
      connections: options.connections,
      body: payload.body,
      contentType: payload.contentType,
      reply: SUCCESS_REPLY,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
    })
    const final = await child.stop()
    const delivered = final.delivered + final.keepalives
    const postsPerSec = load.windowPosts / load.windowSeconds
    return {
      server,
      connections: options.connections,
      bodyBytes: payload.body.length,
      consumerDelayMs: ours ? options.consumerDelayMs : null,
      highWaterMark: ours ? options.highWaterMark : null,
      postsPerSec,
      mibPerSec: (postsPerSec * payload.body.length) / MIB,
      acknowledged: load.acknowledged,
      delivered,
      deliveredOk:
        delivered === load.acknowledged &&
        final.acknowledged === load.acknowledged &&
        load.failed === 0 &&
        final.unparsed === 0,
      p99Ms: load.p99Ms,
      peakRssMib: mib(final.maxRss),
    }
  } catch (error) {
    child.kill()
    throw error
  } finally {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  }
}

/** Adds each row's peak RSS over the null server's. */
export function withRssRatios(rows: Omit<ConcurrencyRow, 'rssRatio'>[]): ConcurrencyRow[] {
  const base = rows.find((row) => row.server === 'null')
  return rows.map((row) => ({
    ...row,
    rssRatio: row.server === 'null' || base === undefined ? null : row.peakRssMib / base.peakRssMib,
  }))
}
