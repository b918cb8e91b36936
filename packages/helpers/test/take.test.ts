import { describe, expect, it } from 'vitest'
import { pipe, take } from '../src/index.js'
import { collect, controlled, fromValues, settle } from './support/sources.js'

describe('take', () => {
  it('yields the first values, then returns the source without pulling another', async () => {
    const source = fromValues((i) => i)
    expect(await collect(pipe(source, take(3)))).toEqual([0, 1, 2])
    expect(source.stats.pulls).toBe(3)
    expect(source.stats.returns).toBe(1)
  })

  it('ends with the source when it has fewer values', async () => {
    const source = fromValues([1, 2])
    expect(await collect(pipe(source, take(5)))).toEqual([1, 2])
    expect(source.stats.returns).toBe(0)
  })

  it('ends at once without reading for take(0)', async () => {
    const source = fromValues([1, 2])
    expect(await collect(pipe(source, take(0)))).toEqual([])
    expect(source.stats.pulls).toBe(0)
  })

  it('releases an idle source when the last value was taken', async () => {
    const source = controlled<string>()
    const iterator = pipe(source, take(1))[Symbol.asyncIterator]()
    source.push('only')
    expect(await iterator.next()).toEqual({ done: false, value: 'only' })
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
    await settle()
    expect(source.stats.returns).toBe(1)
    expect(source.stats.pulls).toBe(1)
  })

  it('passes a source error on', async () => {
    const source = fromValues([1, 2, 3], { failAt: 1 })
    await expect(collect(pipe(source, take(3)))).rejects.toThrow('source failed at 1')
  })

  it('accepts Infinity and rejects counts that are negative, fractional or not numbers', async () => {
    expect(await collect(pipe(fromValues([1, 2]), take(Number.POSITIVE_INFINITY)))).toEqual([1, 2])
    expect(() => take(-1)).toThrow(RangeError)
    expect(() => take(1.5)).toThrow(/take: count must be a non-negative integer, got 1.5/)
    expect(() => take('3' as unknown as number)).toThrow(TypeError)
  })
})
