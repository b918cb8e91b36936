import type { ViewtronEvent } from '@viewtron/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dedupe, dedupePlates, pipe } from '../src/index.js'
import { face, lpr } from './support/events.js'
import { type Controlled, collect, controlled, fromValues } from './support/sources.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Feeds `source` one value at a time, `ms` apart, and returns what came out when. */
async function feed<T>(
  source: Controlled<T>,
  out: AsyncIterable<T>,
  schedule: [ms: number, value: T][],
): Promise<T[]> {
  const seen: T[] = []
  const reading = (async () => {
    for await (const value of out) seen.push(value)
  })()
  let now = 0
  for (const [at, value] of schedule) {
    await vi.advanceTimersByTimeAsync(at - now)
    now = at
    source.push(value)
  }
  source.end()
  await reading
  return seen
}

describe('dedupe', () => {
  it('passes a key once per window and starts the window at the value that passed', async () => {
    const source = controlled<string>()
    const out = pipe(source, dedupe({ key: (s: string) => s[0], windowMs: 1000 }))
    const seen = await feed(source, out, [
      [0, 'a0'],
      [300, 'a300'],
      [600, 'a600'], // re-reads inside the window do not extend it…
      [999, 'a999'],
      [1000, 'a1000'], // …so the key passes again 1000 ms after it last passed
      [1500, 'a1500'],
      [2000, 'a2000'],
    ])
    expect(seen).toEqual(['a0', 'a1000', 'a2000'])
  })

  it('keeps keys apart', async () => {
    const source = controlled<string>()
    const out = pipe(source, dedupe({ key: (s: string) => s[0], windowMs: 1000 }))
    const seen = await feed(source, out, [
      [0, 'a0'],
      [10, 'b10'],
      [20, 'a20'],
      [30, 'c30'],
      [40, 'b40'],
    ])
    expect(seen).toEqual(['a0', 'b10', 'c30'])
  })

  it('lets values with an undefined key through', async () => {
    const source = fromValues(['x', 'skip', 'x', 'skip'])
    const out = pipe(
      source,
      dedupe({ key: (s: string) => (s === 'skip' ? undefined : s), windowMs: 1000 }),
    )
    expect(await collect(out)).toEqual(['x', 'skip', 'skip'])
  })

  it('holds no timers', async () => {
    const source = controlled<string>()
    const iterator = pipe(source, dedupe({ key: (s: string) => s, windowMs: 60_000 }))[
      Symbol.asyncIterator
    ]()
    source.push('a')
    await iterator.next()
    expect(vi.getTimerCount()).toBe(0)
    await iterator.return?.()
  })

  it('returns the source when the consumer stops early and passes errors on', async () => {
    const source = fromValues(['a', 'a', 'b'])
    for await (const _ of pipe(source, dedupe({ key: (s: string) => s, windowMs: 10 }))) break
    expect(source.stats.returns).toBe(1)
    const failing = fromValues(['a', 'b'], { failAt: 1, error: new Error('gone') })
    await expect(
      collect(pipe(failing, dedupe({ key: (s: string) => s, windowMs: 10 }))),
    ).rejects.toThrow('gone')
  })

  it('validates its options', () => {
    expect(() => dedupe({ key: 'plate' as unknown as () => string, windowMs: 10 })).toThrow(
      /dedupe: key must be a function/,
    )
    expect(() => dedupe({ key: String, windowMs: 0 })).toThrow(RangeError)
    expect(() => dedupe({ key: String, windowMs: Number.POSITIVE_INFINITY })).toThrow(/windowMs/)
    expect(() => dedupe(undefined as unknown as { key: () => string; windowMs: number })).toThrow(
      TypeError,
    )
  })
})

describe('dedupePlates', () => {
  const read = (plateNumber: string, clientIp = '10.0.0.1', channelId: number | null = null) =>
    lpr({ plateNumber, clientIp, device: { channelId } })
  const label = (e: ViewtronEvent) =>
    e.category === 'lpr'
      ? `${e.plateNumber}@${e.clientIp}/${e.device.channelId ?? '-'}`
      : e.category

  it('passes one read per plate per camera per window', async () => {
    const source = controlled<ViewtronEvent>()
    const out = pipe(source, dedupePlates({ windowMs: 5000 }))
    const seen = await feed(source, out, [
      [0, read('ABC')],
      [500, read('ABC')], // re-read at the gate
      [600, read('ABC', '10.0.0.2')], // another camera
      [700, read('ABC', '10.0.0.9', 1)],
      [800, read('ABC', '10.0.0.9', 2)], // another NVR channel
      [900, read('XYZ')], // another plate
      [4000, read('ABC')],
      [5000, read('ABC')], // the window has passed
    ])
    expect(seen.map(label)).toEqual([
      'ABC@10.0.0.1/-',
      'ABC@10.0.0.2/-',
      'ABC@10.0.0.9/1',
      'ABC@10.0.0.9/2',
      'XYZ@10.0.0.1/-',
      'ABC@10.0.0.1/-',
    ])
  })

  it('passes other categories and reads with no plate text unchanged', async () => {
    const out = pipe(
      fromValues([face(), face(), read(''), read(''), read('A'), read('A')]),
      dedupePlates({ windowMs: 1000 }),
    )
    expect((await collect(out)).map(label)).toEqual([
      'face',
      'face',
      '@10.0.0.1/-',
      '@10.0.0.1/-',
      'A@10.0.0.1/-',
    ])
  })

  it('names itself when windowMs is wrong', () => {
    expect(() => dedupePlates({ windowMs: -5 })).toThrow(/dedupePlates: windowMs/)
  })
})
