import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pipe, throttle } from '../src/index.js'
import { collect, controlled, fromValues, settle } from './support/sources.js'

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

const byLetter = { key: (s: string) => s[0], intervalMs: 1000 }

/** Starts reading `out` in the background, recording each value with the fake time it came. */
function record(out: AsyncIterable<string>) {
  const seen: string[] = []
  const done = (async () => {
    for await (const value of out) seen.push(`${value}@${Date.now()}`)
  })()
  return { seen, done }
}

describe('throttle', () => {
  it('passes the first value at once and the latest held one when the interval ends', async () => {
    const source = controlled<string>()
    const { seen, done } = record(pipe(source, throttle(byLetter)))
    source.push('a1')
    await settle()
    expect(seen).toEqual(['a1@0'])
    await vi.advanceTimersByTimeAsync(200)
    source.push('a2')
    await vi.advanceTimersByTimeAsync(200)
    source.push('a3')
    await settle()
    expect(seen).toEqual(['a1@0'])
    await vi.advanceTimersByTimeAsync(600)
    expect(seen).toEqual(['a1@0', 'a3@1000'])
    source.end()
    await done
  })

  it('opens a new interval after emitting a held value', async () => {
    const source = controlled<string>()
    const { seen, done } = record(pipe(source, throttle(byLetter)))
    source.push('a1', 'a2')
    await vi.advanceTimersByTimeAsync(1000) // a2 emitted at 1000, new interval to 2000
    source.push('a3')
    await vi.advanceTimersByTimeAsync(500)
    expect(seen).toEqual(['a1@0', 'a2@1000'])
    await vi.advanceTimersByTimeAsync(500)
    expect(seen).toEqual(['a1@0', 'a2@1000', 'a3@2000'])
    // Nothing was held in the last interval, so the key is free again after it ends.
    await vi.advanceTimersByTimeAsync(1000)
    source.push('a4')
    await settle()
    expect(seen.at(-1)).toBe('a4@3000')
    source.end()
    await done
  })

  it('throttles each key on its own', async () => {
    const source = controlled<string>()
    const { seen, done } = record(pipe(source, throttle(byLetter)))
    source.push('a1', 'b1', 'a2', 'b2', 'c1')
    await settle()
    expect(seen).toEqual(['a1@0', 'b1@0', 'c1@0'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(seen).toEqual(['a1@0', 'b1@0', 'c1@0', 'a2@1000', 'b2@1000'])
    source.end()
    await done
  })

  it('lets values with an undefined key through at once', async () => {
    const source = fromValues(['a1', 'x', 'a2', 'x'])
    const out = pipe(
      source,
      throttle({ key: (s: string) => (s === 'x' ? undefined : s[0]), intervalMs: 50 }),
    )
    expect(await collect(out)).toEqual(['a1', 'x', 'x', 'a2'])
  })

  it('flushes held values at the end in the order their intervals would end, and clears its timers', async () => {
    const source = controlled<string>()
    const { seen, done } = record(pipe(source, throttle(byLetter)))
    source.push('b1')
    await vi.advanceTimersByTimeAsync(100)
    source.push('a1', 'a2', 'b2', 'a3')
    await vi.advanceTimersByTimeAsync(100)
    expect(vi.getTimerCount()).toBe(2)
    source.end()
    await done
    expect(seen).toEqual(['b1@0', 'a1@100', 'b2@200', 'a3@200'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('holds one value per key, pulling no further than one value ahead', async () => {
    const source = controlled<string>()
    const iterator = pipe(source, throttle(byLetter))[Symbol.asyncIterator]()
    source.push('a1')
    await iterator.next()
    expect(source.stats.pulls).toBe(1)
    const next = iterator.next()
    source.push('a2', 'a3', 'a4')
    await settle()
    // a2 and a3 were replaced; one pull is waiting for a value after a4.
    expect(source.stats.yielded).toBe(4)
    expect(source.stats.pulls).toBe(5)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await next).toEqual({ done: false, value: 'a4' })
    await iterator.return?.()
  })

  it('returns the source and clears its timers when the consumer leaves during a waiting pull', async () => {
    const source = controlled<string>()
    const iterator = pipe(source, throttle(byLetter))[Symbol.asyncIterator]()
    source.push('a1')
    await iterator.next()
    const pending = iterator.next()
    source.push('a2')
    await settle()
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await pending).toEqual({ done: false, value: 'a2' })
    expect(source.waiting).toBe(true)
    await iterator.return?.()
    expect(source.stats.returns).toBe(1)
    expect(source.waiting).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('passes a source error on and clears its timers', async () => {
    const source = controlled<string>()
    const { seen, done } = record(pipe(source, throttle(byLetter)))
    source.push('a1', 'a2')
    await settle()
    source.fail(new Error('lost connection'))
    await expect(done).rejects.toThrow('lost connection')
    expect(seen).toEqual(['a1@0'])
    expect(vi.getTimerCount()).toBe(0)
    expect(source.stats.returns).toBe(0)
  })

  it('validates its options', () => {
    expect(() => throttle({ key: String, intervalMs: 0 })).toThrow(/throttle: intervalMs/)
    expect(() => throttle({ key: String, intervalMs: '1s' as unknown as number })).toThrow(
      TypeError,
    )
    expect(() => throttle({ key: null as unknown as () => string, intervalMs: 5 })).toThrow(
      /throttle: key must be a function/,
    )
  })
})
