import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { SUCCESS_REPLY } from '@viewtron/core'
import { Pool } from 'undici'
import { runLoad } from '../load.js'
import { buildPayload } from '../payloads.js'
import { MosquittoProcess } from '../server/mosquitto-process.js'
import { childExecPath } from '../server/server-process.js'

const CHILD = fileURLToPath(new URL('../bridge-server-child.js', import.meta.url))

/** End to end through the bridge (post → every PUBACK → reply) beside the plain server. */
export interface BridgeRow {
  server: 'plain' | 'mqtt-bridge'
  eventsPerSec: number
  p50Ms: number | null
  p99Ms: number | null
  failed: number
}

/** The bridge's process while the broker is frozen and cameras keep posting. */
export interface StalledRow {
  posts: number
  idleRssMib: number
  peakRssMib: number
  peakPendingEvents: number
  peakPendingMib: number
  /** Every held post was acknowledged once the broker went on. */
  allAcknowledged: boolean
}

export interface BridgeResults {
  payload: string
  connections: number
  rows: BridgeRow[]
  stalled: StalledRow
}

interface Child {
  process: ChildProcess
  port: number
  sample(): Promise<{ rss: number; pendingEvents: number; pendingBytes: number }>
  stop(): Promise<void>
}

async function startChild(broker: string): Promise<Child> {
  const child = fork(CHILD, [broker], {
    // On the Node line chosen with --node, like every other server child.
    execPath: childExecPath(),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const [first] = (await once(child, 'message')) as [{ port: number }]
  return {
    process: child,
    port: first.port,
    async sample() {
      child.send('rss')
      const [reply] = (await once(child, 'message')) as [
        { rss: number; pendingEvents: number; pendingBytes: number },
      ]
      return reply
    },
    async stop() {
      const exited = once(child, 'exit')
      child.send('stop')
      await exited
    },
  }
}

const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10

/**
 * The MQTT bridge scenario: licence-plate posts (three images, about 550 KB) from `connections`
 * keep-alive connections, to the plain server and to the server with the bridge, each in its own
 * process, against a real Mosquitto; then the broker frozen while posts keep coming, sampling the
 * bridge process's RSS.
 */
export async function measureBridge(
  options: { connections: number; warmupMs: number; durationMs: number },
  log: (line: string) => void,
): Promise<BridgeResults> {
  const payload = buildPayload('ipc-lpr')
  const broker = await MosquittoProcess.start()
  try {
    const rows: BridgeRow[] = []
    for (const server of ['plain', 'mqtt-bridge'] as const) {
      const child = await startChild(server === 'plain' ? 'none' : broker.url)
      try {
        const result = await runLoad({
          origin: `http://127.0.0.1:${child.port}`,
          path: '/',
          connections: options.connections,
          body: payload.body,
          contentType: payload.contentType,
          reply: SUCCESS_REPLY,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
        })
        const row: BridgeRow = {
          server,
          eventsPerSec: result.windowPosts / result.windowSeconds,
          p50Ms: result.p50Ms,
          p99Ms: result.p99Ms,
          failed: result.failed,
        }
        rows.push(row)
        log(
          `  ${server.padEnd(12)} ${Math.round(row.eventsPerSec)} events/s, p50 ${row.p50Ms?.toFixed(2)} ms, p99 ${row.p99Ms?.toFixed(2)} ms, ${row.failed} failed`,
        )
      } finally {
        await child.stop()
      }
    }
    const stalled = await measureStalled(broker, payload.body, options, log)
    return { payload: payload.label, connections: options.connections, rows, stalled }
  } finally {
    await broker.stop()
  }
}

async function measureStalled(
  broker: MosquittoProcess,
  body: Buffer,
  options: { connections: number; durationMs: number },
  log: (line: string) => void,
): Promise<StalledRow> {
  const child = await startChild(broker.url)
  const pool = new Pool(`http://127.0.0.1:${child.port}`, {
    connections: options.connections,
    headersTimeout: 0,
    bodyTimeout: 0,
  })
  try {
    const idle = await child.sample()
    broker.pause()
    const posts = Array.from({ length: options.connections * 4 }, () =>
      pool
        .request({
          method: 'POST',
          path: '/',
          body,
          headers: { 'content-type': 'application/xml' },
        })
        .then(async (response) => (await response.body.text()) === SUCCESS_REPLY),
    )
    let peak = idle
    const until = Date.now() + options.durationMs
    while (Date.now() < until) {
      const now = await child.sample()
      if (now.rss > peak.rss)
        peak = { ...now, pendingEvents: Math.max(now.pendingEvents, peak.pendingEvents) }
      else
        peak = {
          ...peak,
          pendingEvents: Math.max(now.pendingEvents, peak.pendingEvents),
          pendingBytes: Math.max(now.pendingBytes, peak.pendingBytes),
        }
      await sleep(100)
    }
    broker.resume()
    const acknowledged = await Promise.all(posts)
    const row: StalledRow = {
      posts: posts.length,
      idleRssMib: mib(idle.rss),
      peakRssMib: mib(peak.rss),
      peakPendingEvents: peak.pendingEvents,
      peakPendingMib: mib(peak.pendingBytes),
      allAcknowledged: acknowledged.every(Boolean),
    }
    log(
      `  broker stalled: ${row.posts} posts held, RSS ${row.idleRssMib} → ${row.peakRssMib} MiB, ` +
        `${row.peakPendingEvents} events (${row.peakPendingMib} MiB) pending, all acknowledged after: ${row.allAcknowledged}`,
    )
    return row
  } finally {
    broker.resume()
    await pool.close()
    await child.stop()
  }
}

/** The scenario as a text table: throughput and latency per server, then the stalled broker. */
export function bridgeTable(results: BridgeResults): string[][] {
  const ms = (value: number | null): string => (value === null ? '–' : value.toFixed(2))
  const { stalled } = results
  return [
    ['server', 'events/s', 'p50 ms', 'p99 ms', 'RSS (broker stalled)'],
    ...results.rows.map((row) => [
      row.server,
      String(Math.round(row.eventsPerSec)),
      ms(row.p50Ms),
      ms(row.p99Ms),
      row.server === 'mqtt-bridge'
        ? `${stalled.idleRssMib} → ${stalled.peakRssMib} MiB, ${stalled.posts} posts held`
        : '',
    ]),
  ]
}
