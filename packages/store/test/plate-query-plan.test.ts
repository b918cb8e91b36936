import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { EventQuery } from '../src/event-query.js'
import { resolveFind } from '../src/find-options.js'
import { openEventStore } from '../src/index.js'
import { foldPlate, normalizePlate } from '../src/plate-text.js'
import { intrusionEvent, lprEvent, tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const PLATE = 'KXT4851'

describe('a plate search with other filters', () => {
  it('reads each tier by its plate index or the trigram table, never by category or camera', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const path = join(dir, 'events.db')
    const store = await openEventStore({ path })
    cleanups.push(() => store.close())
    const base = Date.parse('2026-03-01T00:00:00Z')
    for (let i = 0; i < 12; i++) {
      await store.handlers.onEvent(
        lprEvent(`ABC${String(i).padStart(4, '0')}`, new Date(base + i * 1000)),
        '10.0.0.5',
      )
      await store.handlers.onEvent(intrusionEvent(new Date(base + i * 1000 + 500)), '10.0.0.6')
    }
    await store.handlers.onEvent(lprEvent(PLATE, new Date(base + 60_000)), '10.0.0.5')
    const db = new Database(path, { readonly: true })
    cleanups.push(() => db.close())
    const query = new EventQuery(db, (file) => file)
    const filters = [
      { category: 'lpr' as const },
      { category: 'lpr' as const, camera: '10.0.0.5' },
      { category: 'lpr' as const, camera: '10.0.0.5', since: new Date(base) },
    ]
    for (const filter of filters) {
      const find = resolveFind({ plate: PLATE, ...filter })
      const tiers = query.plateTiers(find, { norm: normalizePlate(PLATE), fold: foldPlate(PLATE) })
      expect(tiers.map(({ tier }) => tier.match)).toEqual([
        'exact',
        'confusion',
        'prefix',
        'substring',
        'near',
      ])
      for (const { tier, sql, params } of tiers) {
        const plan = (
          db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 10 }) as {
            detail: string
          }[]
        ).map((row) => row.detail)
        const context = `${tier.match} with ${JSON.stringify(filter)}: ${plan.join(' | ')}`
        for (const detail of plan) {
          expect(detail, context).not.toMatch(
            /events_(category|client_ip|device_mac|device_name|received)\b/,
          )
          expect(detail, context).not.toMatch(/^SCAN e\b/)
        }
        if (tier.fts === undefined) {
          const index = tier.match === 'exact' ? 'events_plate_norm' : 'events_plate_fold'
          expect(
            plan.some((detail) => detail.startsWith(`SEARCH e USING INDEX ${index} (`)),
            context,
          ).toBe(true)
        } else {
          expect(
            plan.some((detail) => /plate_trigrams VIRTUAL TABLE INDEX/.test(detail)),
            context,
          ).toBe(true)
          expect(plan, context).toContain('SEARCH e USING INTEGER PRIMARY KEY (rowid=?)')
        }
      }
    }
    // And the search itself still finds the plate under those filters.
    const found = []
    for await (const row of store.find({ plate: PLATE, category: 'lpr', camera: '10.0.0.5' })) {
      found.push(row.plate)
    }
    expect(found).toEqual([PLATE])
    // No category at all: nothing, rather than a plan INDEXED BY cannot make.
    const none = []
    for await (const row of store.find({ plate: PLATE, category: [] })) none.push(row.plate)
    expect(none).toEqual([])
  })

  it('pages through trigram matches: an old match under a narrow filter is found past a full batch', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const path = join(dir, 'events.db')
    const store = await openEventStore({ path })
    cleanups.push(() => store.close())
    const base = Date.parse('2026-03-01T00:00:00Z')
    // The oldest match is the only one from the yard camera; eight newer ones are from the gate.
    await store.handlers.onEvent(lprEvent('QZ1234X', new Date(base), {}, '10.0.0.9'), '10.0.0.9')
    for (let i = 0; i < 8; i++) {
      await store.handlers.onEvent(
        lprEvent(`Z1234${i}A`, new Date(base + (i + 1) * 1000)),
        '10.0.0.5',
      )
    }
    const db = new Database(path, { readonly: true })
    cleanups.push(() => db.close())
    // Batches of three trigram matches: the yard's match is in the third batch.
    const query = new EventQuery(db, (file) => file, 3)
    const plates = (filter: { camera?: string }) =>
      [...query.find(resolveFind({ plate: 'Z1234', ...filter }))].map((row) => row.plate)
    expect(plates({ camera: '10.0.0.9' })).toEqual(['QZ1234X'])
    // Unfiltered, every match, the substring tier newest first.
    expect(plates({})).toHaveLength(9)
    // Near matches page the same way (one edit away, only from the yard).
    expect(
      [...query.find(resolveFind({ plate: 'QZ1235X', camera: '10.0.0.9' }))].map((r) => r.plate),
    ).toEqual(['QZ1234X'])
  })
})
