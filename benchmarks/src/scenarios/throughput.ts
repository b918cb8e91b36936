import { SUCCESS_REPLY } from '@viewtron/core'
import { runLoad } from '../load.js'
import type { Payload, PayloadId } from '../payloads.js'
import type { ServerLabel, ThroughputRow } from '../results.js'
import type { ChildSnapshot } from '../server/protocol.js'
import { MIB, mib, type OurSettings, serverConfig } from '../server/server-config.js'
import { type ProfileTarget, ServerProcess } from '../server/server-process.js'

export interface ThroughputOptions {
  connections: number
  warmupMs: number
  durationMs: number
  /** Write a CPU profile of each server child to this directory. */
  profileDir?: string
  /** Open loop at this offered rate (posts/s) instead of back to back. */
  ratePerSec?: number
  /** Settings of our server (the store's files for the `'store'` label). */
  settings?: OurSettings
}

/** The servers every payload class is run against, in table order. */
const THROUGHPUT_SERVERS: readonly ServerLabel[] = ['null', 'parse', 'memory', 'discard']

/**
 * The servers one class is run against: traject also against the null server plus bare saxes,
 * the least any saxes-based SDK spends on a post (the ceiling for the traject target).
 */
export function throughputServers(id: PayloadId): readonly ServerLabel[] {
  return id === 'traject' ? ['null', 'sax', ...THROUGHPUT_SERVERS.slice(1)] : THROUGHPUT_SERVERS
}

/** The image classes measured at a fixed offered rate, and the servers compared. */
export const LATENCY_CLASSES: readonly PayloadId[] = ['ipc-lpr', 'nvr-intrusion']
export const LATENCY_SERVERS: readonly ServerLabel[] = ['null', 'memory', 'discard']

/** Name of the CPU profile of one row. */
export function profileName(payload: Payload['id'], server: ServerLabel): string {
  return `${payload}-${server}.cpuprofile`
}

/**
 * One payload class against one server: a fresh child (so its peak RSS is this run's), the same
 * load for every server, counters taken at both edges of the measured window, then a graceful
 * stop that lets the consumer read every acknowledged event before the final count.
 */
export async function measureThroughput(
  payload: Payload,
  server: ServerLabel,
  options: ThroughputOptions,
): Promise<Omit<ThroughputRow, 'ratio'>> {
  const profile: ProfileTarget | undefined =
    options.profileDir === undefined
      ? undefined
      : { dir: options.profileDir, name: profileName(payload.id, server) }
  const child = await ServerProcess.start(serverConfig(server, options.settings), profile)
  let start: ChildSnapshot | null = null
  let end: ChildSnapshot | null = null
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
      ...(options.ratePerSec === undefined ? {} : { ratePerSec: options.ratePerSec }),
      onWindow: async (edge) => {
        if (edge === 'start') start = await child.snapshot()
        else end = await child.snapshot()
      },
    })
    const final = await child.stop()
    const first = start as ChildSnapshot | null
    const last = end as ChildSnapshot | null
    if (first === null || last === null) throw new Error('window snapshots missing')
    const windowServerPosts = last.posts - first.posts
    const cpuUs = last.cpuUser + last.cpuSystem - (first.cpuUser + first.cpuSystem)
    const delivered = final.delivered + final.keepalives
    const imagesOk =
      server === 'null' ||
      server === 'parse' ||
      server === 'sax' ||
      payload.imagesPerPost === 0 ||
      (final.validImages === final.delivered * payload.imagesPerPost &&
        final.checkedJpegs === (server === 'discard' ? 0 : final.validImages))
    const postsPerSec = load.windowPosts / load.windowSeconds
    const store = storeFigures(first, last, load.windowSeconds)
    return {
      ...(store === null ? {} : { store }),
      payload: payload.id,
      label: payload.label,
      server,
      connections: options.connections,
      offeredPerSec: options.ratePerSec ?? null,
      bodyBytes: payload.body.length,
      postsPerSec,
      mibPerSec: (postsPerSec * payload.body.length) / MIB,
      acknowledged: load.acknowledged,
      delivered,
      deliveredOk:
        delivered === load.acknowledged &&
        final.acknowledged === load.acknowledged &&
        load.failed === 0 &&
        final.unparsed === 0 &&
        imagesOk,
      failed: load.failed,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      peakRssMib: mib(final.maxRss),
      cpuPercent: (cpuUs / 1e6 / load.windowSeconds) * 100,
      cpuUsPerPost: windowServerPosts > 0 ? cpuUs / windowServerPosts : 0,
      errors: load.errors,
    }
  } catch (error) {
    child.kill()
    throw error
  }
}

/** fsyncs and commits per second over the window, when the child has a store. */
function storeFigures(
  first: ChildSnapshot,
  last: ChildSnapshot,
  seconds: number,
): ThroughputRow['store'] | null {
  if (first.store === undefined || last.store === undefined) return null
  const commits = last.store.commits - first.store.commits
  const writes = last.store.writes - first.store.writes
  const fsyncs = commits + last.store.imageFsyncs - first.store.imageFsyncs
  return {
    fsyncsPerSec: fsyncs / seconds,
    commitsPerSec: commits / seconds,
    averageBatch: commits === 0 ? 0 : writes / commits,
    refused: last.store.refused,
  }
}

/** Adds the ours / null ratios, from the null row of the same payload class. */
export function withRatios(rows: Omit<ThroughputRow, 'ratio'>[]): ThroughputRow[] {
  return rows.map((row) => {
    const base = rows.find((r) => r.payload === row.payload && r.server === 'null')
    if (row.server === 'null' || base === undefined) return { ...row, ratio: null }
    return {
      ...row,
      ratio: {
        throughput: row.postsPerSec / base.postsPerSec,
        p99: row.p99Ms !== null && base.p99Ms !== null ? row.p99Ms / base.p99Ms : null,
        rss: row.peakRssMib / base.peakRssMib,
        p50: row.p50Ms !== null && base.p50Ms !== null ? row.p50Ms / base.p50Ms : null,
      },
    }
  })
}
