import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type EventStore,
  type EventStoreOptions,
  openEventStore,
  type StoredEvent,
} from '../src/index.js'
import { lprEvent, tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const DAY = 86_400_000

async function open(options: Partial<EventStoreOptions>, dir?: string) {
  let folder = dir
  if (folder === undefined) {
    const temp = tempDir()
    cleanups.push(temp.remove)
    folder = temp.dir
  }
  const store = await openEventStore({
    path: join(folder, 'events.db'),
    imagesDir: join(folder, 'images'),
    ...options,
  })
  cleanups.push(() => store.close())
  return { store, dir: folder }
}

async function rows(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = []
  for await (const row of store.find()) out.push(row)
  return out
}

/** Every image file under the images folder, relative. */
function imageFiles(dir: string): string[] {
  const root = join(dir, 'images')
  return readdirSync(root).flatMap((day) => readdirSync(join(root, day)).map((f) => `${day}/${f}`))
}

describe('retention', () => {
  it('removes events older than `days` with their image files, and counts them', async () => {
    const { store, dir } = await open({ retention: { days: 2, intervalMs: 3_600_000 } })
    const now = Date.now()
    for (const [plate, age] of [
      ['OLD1111', 5],
      ['OLD2222', 3],
      ['NEW3333', 1],
      ['NEW4444', 0],
    ] as const) {
      const event = lprEvent(plate, new Date(now - age * DAY))
      await store.handlers.onEvent(event, event.clientIp)
    }
    const before = await rows(store)
    const oldFiles = before
      .filter((row) => row.plate?.startsWith('OLD'))
      .flatMap((row) => row.images.map((image) => image.path))
    expect(oldFiles.length).toBeGreaterThan(0)
    expect(oldFiles.every((path) => existsSync(path))).toBe(true)

    await store.runRetention()

    const after = await rows(store)
    expect(after.map((row) => row.plate)).toEqual(['NEW4444', 'NEW3333'])
    expect(oldFiles.some((path) => existsSync(path))).toBe(false)
    const kept = after.flatMap((row) => row.images.map((image) => image.path))
    expect(kept.every((path) => existsSync(path))).toBe(true)
    expect(imageFiles(dir).length).toBe(kept.length)
    const stats = store.stats()
    expect(stats.events).toBe(2)
    expect(stats.retention).toMatchObject({ removedEvents: 2, removedImages: oldFiles.length })
    expect(stats.retention.removedBytes).toBeGreaterThan(0)
    expect(stats.oldest?.getTime()).toBe(now - DAY)
  })

  it('keeps database and images under `maxBytes`, oldest first', async () => {
    // Measure what 10 events with device-size JPEGs take, then allow roughly half of it.
    const probe = await open({})
    for (let i = 0; i < 10; i++) {
      const event = lprEvent(`SZ${i}000`, new Date(Date.now() - (10 - i) * 1000), {
        images: 'real',
      })
      await probe.store.handlers.onEvent(event, event.clientIp)
    }
    const full = probe.store.stats().bytes.images
    const perEvent = full / 10

    const { store, dir } = await open({ retention: { maxBytes: Math.round(perEvent * 5.5) } })
    for (let i = 0; i < 10; i++) {
      const event = lprEvent(`SZ${i}000`, new Date(Date.now() - (10 - i) * 1000), {
        images: 'real',
      })
      await store.handlers.onEvent(event, event.clientIp)
    }
    await store.runRetention()
    const left = await rows(store)
    expect(left.length).toBeGreaterThan(0)
    expect(left.length).toBeLessThan(10)
    // The newest survive, the oldest went, files and rows together.
    expect(left[0]?.plate).toBe('SZ9000')
    const expected = Array.from({ length: left.length }, (_, i) => `SZ${9 - i}000`)
    expect(left.map((row) => row.plate)).toEqual(expected)
    expect(imageFiles(dir).length).toBe(left.reduce((n, row) => n + row.images.length, 0))
    const stats = store.stats()
    expect(stats.retention.removedEvents).toBe(10 - left.length)
    expect(stats.bytes.images).toBe(
      left.reduce((n, row) => n + row.images.reduce((m, i) => m + i.bytes, 0), 0),
    )
  })

  it('runs by itself in the background, at open and then every intervalMs', async () => {
    const { store, dir } = await open({})
    const event = lprEvent('AGED111', new Date(Date.now() - 3 * DAY))
    await store.handlers.onEvent(event, event.clientIp)
    await store.close()
    // Reopened with a one-day limit: nothing is called, retention removes the old event itself.
    const reopened = await open({ retention: { days: 1, intervalMs: 50 } }, dir)
    const deadline = Date.now() + 20_000
    while (reopened.store.stats().retention.removedEvents === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // The run counts the rows as it deletes them and removes their files after: wait for its end.
    const removing = reopened.store.stats().retention.runs
    while (reopened.store.stats().retention.runs === removing && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(reopened.store.stats()).toMatchObject({ events: 0, retention: { removedEvents: 1 } })
    expect(imageFiles(dir)).toEqual([])
    // The timer keeps running.
    const runs = reopened.store.stats().retention.runs
    while (reopened.store.stats().retention.runs === runs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(reopened.store.stats().retention.runs).toBeGreaterThan(runs)
  })

  it('removes image files no row names at the next open', async () => {
    const { store, dir } = await open({})
    const event = lprEvent('KEEP111', new Date())
    await store.handlers.onEvent(event, event.clientIp)
    await store.close()
    const [kept] = imageFiles(dir)
    const day = kept?.split('/')[0] as string
    writeFileSync(join(dir, 'images', day, 'left-by-a-crash-source.jpg'), Buffer.from([0xff, 0xd8]))
    const reopened = await open({}, dir)
    expect(reopened.store.stats().orphansRemoved).toBe(1)
    expect(imageFiles(dir).length).toBe(event.images.filter((image) => image.valid).length)
  })
})
