import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type EventStore, openEventStore, SCHEMA_VERSION, type StoredEvent } from '../src/index.js'
import { expectJpeg, intrusionEvent, lprEvent, tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function freshStore(): Promise<{ store: EventStore; dir: string }> {
  const { dir, remove } = tempDir()
  cleanups.push(remove)
  const store = await openEventStore({ path: `${dir}/events.db`, imagesDir: `${dir}/images` })
  cleanups.push(() => store.close())
  return { store, dir }
}

async function all(rows: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = []
  for await (const row of rows) out.push(row)
  return out
}

const T0 = Date.parse('2026-12-01T08:00:00Z')
const at = (minutes: number) => new Date(T0 + minutes * 60_000)

describe('openEventStore, find and get', () => {
  it('stores an event with its images and reads it back by id', async () => {
    const { store } = await freshStore()
    const event = lprEvent('KXT-4821', at(0), { listType: 'whiteList', confidence: 97 })
    await store.handlers.onEvent(event, event.clientIp)
    const [row] = await all(store.find())
    expect(row).toBeDefined()
    const got = await store.get(row?.id as number)
    expect(got).toMatchObject({
      category: 'lpr',
      alarmType: 'VEHICE',
      plate: 'KXT-4821',
      plateGroup: 'whiteList',
      plateList: 'whiteList',
      confidence: 97,
      receivedAt: at(0),
      camera: { clientIp: '10.0.0.5', mac: '58:5b:69:3c:11:a0', name: 'Gate Camera' },
    })
    expect(got?.deviceTime).toEqual(event.time)
    expect(got?.event).toEqual(JSON.parse(JSON.stringify(event)))
    expect(got?.images.map((image) => image.role).sort()).toEqual(
      event.images
        .filter((image) => image.valid)
        .map((image) => image.role)
        .sort(),
    )
    expect(got?.images.length).toBeGreaterThan(0)
    for (const image of got?.images ?? []) expectJpeg(image.path, image.bytes)
    const bytes = event.images.map((image) => image.byteLength).sort()
    expect(got?.images.map((image) => image.bytes).sort()).toEqual(bytes)
    expect(await store.get(999)).toBeNull()
  })

  it('filters by category, camera, since, until and limit, newest first', async () => {
    const { store } = await freshStore()
    for (let i = 0; i < 5; i++) {
      const event = lprEvent(`AB${i}CDE`, at(i), {}, i % 2 === 0 ? '10.0.0.5' : '10.0.0.7')
      await store.handlers.onEvent(event, event.clientIp)
    }
    const intrusion = intrusionEvent(at(10))
    await store.handlers.onEvent(intrusion, intrusion.clientIp)

    const newest = await all(store.find())
    expect(newest.map((row) => row.receivedAt)).toEqual([10, 4, 3, 2, 1, 0].map(at))
    expect((await all(store.find({ category: 'intrusion' }))).map((row) => row.category)).toEqual([
      'intrusion',
    ])
    expect(
      (await all(store.find({ category: ['lpr'], camera: '10.0.0.7' }))).map((r) => r.plate),
    ).toEqual(['AB3CDE', 'AB1CDE'])
    const window = await all(store.find({ since: at(1), until: at(3) }))
    expect(window.map((row) => row.plate)).toEqual(['AB2CDE', 'AB1CDE'])
    expect((await all(store.find({ limit: 2 }))).length).toBe(2)
    // Camera by MAC in another spelling, and by name.
    expect((await all(store.find({ camera: '58-5B-69-3C-11-A0' }))).length).toBe(5)
    expect(() => store.find({ category: 'plates' as never }).next()).toThrow(/category/)
  })

  it('pages through more rows than one page, in order, without repeats', async () => {
    const { store } = await freshStore()
    const writes: Promise<void>[] = []
    for (let i = 0; i < 450; i++) {
      const event = lprEvent(`P${String(i).padStart(5, '0')}`, at(i % 7), { images: 'none' })
      writes.push(store.handlers.onEvent(event, event.clientIp))
    }
    await Promise.all(writes)
    const rows = await all(store.find())
    expect(rows.length).toBe(450)
    expect(new Set(rows.map((row) => row.id)).size).toBe(450)
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1] as StoredEvent, rows[i] as StoredEvent]
      expect(a.receivedAt.getTime() > b.receivedAt.getTime() || a.id > b.id).toBe(true)
    }
    // Posts arriving together were committed together.
    expect(store.stats().averageBatch).toBeGreaterThan(1)
  })

  it('finds a plate through OCR confusions, prefixes, substrings and one edit, ranked', async () => {
    const { store } = await freshStore()
    const plates = [
      'KXT4821',
      'KXT482I',
      'KXT48',
      'AKXT4821',
      'KXT4B21',
      'KXT4829',
      'ZZZ999',
      'KX4821',
    ]
    for (const [i, plate] of plates.entries()) {
      const event = lprEvent(plate, at(i), { images: 'none' })
      await store.handlers.onEvent(event, event.clientIp)
    }
    const search = async (plate: string) =>
      (await all(store.find({ plate }))).map((row) => `${row.plate}:${row.match}`)

    // The misread I (for 1) finds the real plate: it folds to the same text.
    expect(await search('KXT482I')).toEqual([
      'KXT482I:exact',
      'KXT4B21:confusion',
      'KXT4821:confusion',
      'AKXT4821:substring',
      'KX4821:near',
      'KXT4829:near',
    ])
    // A partial plate typed with a dash finds it by prefix.
    const partial = await search('KXT-48')
    expect(partial.slice(0, 1)).toEqual(['KXT48:exact'])
    expect(partial).toContain('KXT4821:prefix')
    expect(partial).toContain('AKXT4821:substring')
    expect(partial).not.toContain('ZZZ999:near')
    // Lower case and spaces are ignored.
    expect((await search('kxt 4821'))[0]).toBe('KXT4821:exact')
    // limit applies across ranks.
    expect(await search('KXT4821').then((r) => r.length)).toBeGreaterThan(3)
    expect((await all(store.find({ plate: 'KXT4821', limit: 3 }))).length).toBe(3)
  })

  it('versions its schema and refuses a newer one', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const path = `${dir}/events.db`
    const store = await openEventStore({ path })
    expect(existsSync(`${dir}/events-images`)).toBe(true)
    await store.close()
    const db = new Database(path)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    await expect(openEventStore({ path })).rejects.toThrow(/newer/)
  })

  it('opens read-only beside a writer and sees its commits', async () => {
    const { store, dir } = await freshStore()
    const reader = await openEventStore({
      path: `${dir}/events.db`,
      imagesDir: `${dir}/images`,
      readonly: true,
    })
    cleanups.push(() => reader.close())
    const event = lprEvent('RD1234', at(0))
    await store.handlers.onEvent(event, event.clientIp)
    const [row] = await all(reader.find({ plate: 'RD1234' }))
    expect(row?.images.length).toBeGreaterThan(0)
    expect(reader.stats().events).toBe(1)
    await expect(reader.handlers.onEvent(event, event.clientIp)).rejects.toThrow(/read-only/)
  })
})
