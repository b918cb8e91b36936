import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { batch, pipe } from '../src/index.js'
import { collect, controlled, fromValues, settle } from './support/sources.js'

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('batch', () => {
  it('emits full batches in order and the rest at the end', async () => {
    const out = pipe(fromValues([1, 2, 3, 4, 5, 6, 7]), batch({ size: 3 }))
    expect(await collect(out)).toEqual([[1, 2, 3], [4, 5, 6], [7]])
  })

  it('emits nothing for an empty source', async () => {
    expect(await collect(pipe(fromValues([]), batch({ size: 3, maxWaitMs: 10 })))).toEqual([])
  })

  it('flushes a partial batch on time while the source is idle', async () => {
    const source = controlled<number>()
    const iterator = pipe(source, batch({ size: 10, maxWaitMs: 500 }))[Symbol.asyncIterator]()
    const first = iterator.next()
    source.push(1, 2)
    await vi.advanceTimersByTimeAsync(499)
    expect(source.waiting).toBe(true)
    let resolved = false
    void first.then(() => {
      resolved = true
    })
    await settle()
    expect(resolved).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await first).toEqual({ done: false, value: [1, 2] })
    expect(vi.getTimerCount()).toBe(0)
    await iterator.return?.()
  })

  it('times each batch from its first value', async () => {
    const source = controlled<number>()
    const got: string[] = []
    const reading = (async () => {
      for await (const rows of pipe(source, batch({ size: 10, maxWaitMs: 1000 }))) {
        got.push(`${rows.join(',')}@${Date.now()}`)
      }
    })()
    await vi.advanceTimersByTimeAsync(300)
    source.push(1) // opens a batch due at 1300
    await vi.advanceTimersByTimeAsync(900)
    source.push(2)
    await vi.advanceTimersByTimeAsync(100)
    expect(got).toEqual(['1,2@1300'])
    source.push(3) // the next batch is due 1000 ms after this value, not after the flush
    await vi.advanceTimersByTimeAsync(999)
    expect(got).toEqual(['1,2@1300'])
    await vi.advanceTimersByTimeAsync(1)
    expect(got).toEqual(['1,2@1300', '3@2300'])
    source.end()
    await reading
  })

  it('emits a full batch at once without waiting for the timer', async () => {
    const source = controlled<number>()
    const iterator = pipe(source, batch({ size: 2, maxWaitMs: 1000 }))[Symbol.asyncIterator]()
    source.push(1, 2, 3)
    expect(await iterator.next()).toEqual({ done: false, value: [1, 2] })
    expect(Date.now()).toBe(0)
    // A full batch goes out before another value is read.
    expect(source.stats.pulls).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
    source.end()
    expect(await iterator.next()).toEqual({ done: false, value: [3] })
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('returns the source and clears its timer when the consumer leaves', async () => {
    const source = controlled<number>()
    const iterator = pipe(source, batch({ size: 5, maxWaitMs: 100 }))[Symbol.asyncIterator]()
    const first = iterator.next()
    source.push(1)
    await vi.advanceTimersByTimeAsync(100)
    expect(await first).toEqual({ done: false, value: [1] })
    // The pull that was waiting when the timer fired takes 2; nothing more is read.
    source.push(2, 3)
    await settle()
    expect(source.stats.yielded).toBe(2)
    await iterator.return?.()
    expect(source.stats.returns).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('emits what it read before a source error, then the error', async () => {
    const source = fromValues([1, 2, 3, 4], { failAt: 3, error: new Error('reset') })
    const got: number[][] = []
    const run = async () => {
      for await (const rows of pipe(source, batch({ size: 2 }))) got.push(rows)
    }
    await expect(run()).rejects.toThrow('reset')
    expect(got).toEqual([[1, 2], [3]])
  })

  it('validates its options, naming the bad one', () => {
    expect(() => batch({ size: 0 })).toThrow(RangeError)
    expect(() => batch({ size: 0 })).toThrow(/batch: size must be an integer ≥ 1, got 0/)
    expect(() => batch({ size: 2.5 })).toThrow(/size/)
    expect(() => batch({ size: 10, maxWaitMs: 0 })).toThrow(/batch: maxWaitMs/)
    expect(() => batch({ size: 10, maxWaitMs: Number.NaN })).toThrow(RangeError)
    expect(() => batch({} as { size: number })).toThrow(TypeError)
  })
})
