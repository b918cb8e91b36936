import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEvent, type ViewtronEvent } from '@viewtron/core'
import { createRandom, ipcLprPost } from '@viewtron/fixtures'
import { type EventStore, openEventStore } from '@viewtron/store'
import { buildPayload, type PayloadId } from '../payloads.js'
import type { PlateSearchRow, StoreResults, ThroughputRow } from '../results.js'
import { measureThroughput, withRatios } from './throughput.js'

/** The classes measured with the store attached: the plate posts, and the bulk of the traffic. */
export const STORE_CLASSES: readonly PayloadId[] = ['ipc-lpr', 'traject']

export interface StoreScenarioOptions {
  connections: number
  warmupMs: number
  durationMs: number
  /** Events in the plate-search database. */
  searchRows: number
  /** Where the plate-search database is kept between runs (it takes a while to fill). */
  cacheDir: string
  log: (line: string) => void
}

/** An LPR event with no images, to clone with other plates and times. */
function template(): ViewtronEvent {
  const result = parseEvent(ipcLprPost({ images: 'none', header: 'capture' }), {
    clientIp: '10.0.0.5',
  })
  if (result.kind !== 'event') throw new Error('the template post did not parse')
  return result.event
}

const LETTERS = 'ABCDEFGHJKLMNPRTUVWXYZ'

/** Fills the store with `rows` LPR events of random plates (three letters, four digits). */
async function fill(store: EventStore, rows: number): Promise<void> {
  const base = template()
  const random = createRandom(42)
  const letter = () => LETTERS[Math.floor(random() * LETTERS.length)] as string
  const start = Date.now() - rows * 1000
  const CHUNK = 5000
  for (let done = 0; done < rows; done += CHUNK) {
    const writes: Promise<void>[] = []
    for (let i = done; i < Math.min(rows, done + CHUNK); i++) {
      // A few known plates among the random ones: what the searches look for.
      const plate =
        i % 100_000 === 7
          ? 'KXT4821'
          : `${letter()}${letter()}${letter()}${String(Math.floor(random() * 10_000)).padStart(4, '0')}`
      // Each event has its own device time, as a camera stamps every capture: the store keeps a
      // retried post's event once, by device, time, plate and target.
      const at = start + i * 1000
      const event = Object.assign(Object.create(Object.getPrototypeOf(base)), base, {
        plateNumber: plate,
        receivedAt: new Date(at),
        time: new Date(at),
        rawTime: String(at * 1000),
      }) as ViewtronEvent
      writes.push(store.handlers.onEvent(event, event.clientIp))
    }
    await Promise.all(writes)
  }
}

/** Opens the cached plate-search database, filling it when it is missing or short. */
async function searchStore(
  options: StoreScenarioOptions,
): Promise<{ store: EventStore; seconds: number }> {
  const path = join(options.cacheDir, `plate-search-${options.searchRows}.db`)
  const fresh = !existsSync(path)
  let store = await openEventStore({ path, synchronous: 'normal' })
  if (!fresh && store.stats().events === options.searchRows) return { store, seconds: 0 }
  await store.close()
  for (const suffix of ['', '-wal', '-shm']) await rm(path + suffix, { force: true })
  store = await openEventStore({ path, synchronous: 'normal' })
  options.log(
    `  filling a plate-search database with ${options.searchRows.toLocaleString('en-US')} events`,
  )
  const started = performance.now()
  await fill(store, options.searchRows)
  return { store, seconds: (performance.now() - started) / 1000 }
}

const SEARCHES: readonly { query: string; plate: string }[] = [
  { query: 'KXT4821 (exact)', plate: 'KXT4821' },
  { query: 'KXT482I (misread I/1)', plate: 'KXT482I' },
  { query: 'KXT-48 (partial)', plate: 'KXT-48' },
  { query: 'KXT4B29 (B/8 and one off)', plate: 'KXT4B29' },
  { query: 'T482 (substring)', plate: 'T482' },
]

/** Median and slowest time of each search (limit 50, every row read), after one warm-up. */
async function timeSearches(store: EventStore, repeats: number): Promise<PlateSearchRow[]> {
  const rows: PlateSearchRow[] = []
  for (const { query, plate } of SEARCHES) {
    const times: number[] = []
    let found = 0
    for (let i = 0; i <= repeats; i++) {
      const started = performance.now()
      found = 0
      for await (const _ of store.find({ plate, limit: 50 })) found++
      if (i > 0) times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    rows.push({
      query,
      rows: found,
      medianMs: times[Math.floor(times.length / 2)] ?? 0,
      maxMs: times.at(-1) ?? 0,
    })
  }
  return rows
}

/**
 * The store scenario: LPR and traject posts against our plain server and with an event store
 * attached (replies wait for the commit; fsyncs counted), then plate searches over a database of
 * `searchRows` events.
 */
export async function measureStore(options: StoreScenarioOptions): Promise<StoreResults> {
  const throughput: Omit<ThroughputRow, 'ratio'>[] = []
  for (const id of STORE_CLASSES) {
    const payload = buildPayload(id)
    for (const server of ['memory', 'store'] as const) {
      const dir = await mkdtemp(join(tmpdir(), 'viewtron-bench-store-'))
      try {
        const row = await measureThroughput(payload, server, {
          connections: options.connections,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
          settings: { store: { path: join(dir, 'events.db'), imagesDir: join(dir, 'images') } },
        })
        options.log(
          `  ${payload.label.padEnd(30)} ${server.padEnd(7)} ${Math.round(row.postsPerSec)} posts/s, ` +
            `p99 ${row.p99Ms?.toFixed(2)} ms` +
            (row.store === undefined
              ? ''
              : `, ${Math.round(row.store.fsyncsPerSec)} fsyncs/s, ${row.store.averageBatch.toFixed(1)} per commit`) +
            (row.deliveredOk ? '' : '  DELIVERED ≠ ACKED'),
        )
        throughput.push(row)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }
  }
  const { store, seconds } = await searchStore(options)
  try {
    const search = await timeSearches(store, 20)
    for (const row of search) {
      options.log(
        `  ${row.query.padEnd(28)} ${row.rows} rows, median ${row.medianMs.toFixed(2)} ms`,
      )
    }
    // The ratio column compares with our plain server rather than the null server.
    const ratios = withRatios(
      throughput.map((row) => ({ ...row, server: row.server === 'memory' ? 'null' : row.server })),
    ).map((row, index) => ({ ...row, server: throughput[index]?.server ?? row.server }))
    return { throughput: ratios, searchRows: store.stats().events, fillSeconds: seconds, search }
  } finally {
    await store.close()
  }
}
