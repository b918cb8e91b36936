import { describe, expect, it } from 'vitest'
import { filter, map, pipe, take, tap } from '../src/index.js'
import type { Stage } from '../src/types.js'
import { collect, fromValues } from './support/sources.js'

const add = (n: number): Stage<number, number> =>
  async function* (source) {
    for await (const value of source) yield value + n
  }

describe('pipe', () => {
  it('applies the stages left to right', async () => {
    const source = fromValues([1, 2, 3])
    const out = pipe(
      source,
      map((n: number) => n * 10),
      add(1),
      map((n) => `${n}`),
    )
    expect(await collect(out)).toEqual(['11', '21', '31'])
  })

  it('chains ten stages and keeps the order of values', async () => {
    const out = pipe(
      fromValues([0, 1, 2, 3, 4]),
      add(1),
      add(1),
      add(1),
      add(1),
      add(1),
      add(1),
      add(1),
      add(1),
      add(1),
      add(1),
    )
    expect(await collect(out)).toEqual([10, 11, 12, 13, 14])
  })

  it('returns the source itself when given no stage', () => {
    const source = fromValues([1])
    expect(pipe(source)).toBe(source)
  })

  it('reads nothing from the source until the result is iterated', async () => {
    const source = fromValues([1, 2, 3])
    const out = pipe(source, add(1), add(1))
    expect(source.stats.pulls).toBe(0)
    const iterator = out[Symbol.asyncIterator]()
    expect(source.stats.pulls).toBe(0)
    expect(await iterator.next()).toEqual({ done: false, value: 3 })
    expect(source.stats.pulls).toBe(1)
  })

  it('returns the source once when the consumer breaks out of its loop', async () => {
    const source = fromValues((i) => i)
    const seen: number[] = []
    for await (const value of pipe(
      source,
      add(0),
      filter((n: number) => n % 2 === 0),
      add(0),
    )) {
      seen.push(value)
      if (seen.length === 3) break
    }
    expect(seen).toEqual([0, 2, 4])
    expect(source.stats.returns).toBe(1)
    expect(source.stats.pulls).toBe(5)
  })

  it('delivers a source error to the consumer through every stage', async () => {
    const error = new Error('socket reset')
    const source = fromValues([1, 2, 3], { failAt: 2, error })
    const seen: number[] = []
    const run = async () => {
      for await (const value of pipe(
        source,
        add(1),
        tap(() => {}),
        add(1),
      ))
        seen.push(value)
    }
    await expect(run()).rejects.toBe(error)
    expect(seen).toEqual([3, 4])
  })

  it('delivers an error thrown by a stage and returns the source', async () => {
    const source = fromValues([1, 2, 3])
    const out = pipe(
      source,
      map((n: number) => {
        if (n === 2) throw new Error('bad value')
        return n
      }),
      add(0),
    )
    await expect(collect(out)).rejects.toThrow('bad value')
    expect(source.stats.returns).toBe(1)
  })

  it('rejects a source that is not async iterable and a stage that is not a function', () => {
    expect(() => pipe([1, 2] as unknown as AsyncIterable<number>)).toThrow(TypeError)
    expect(() => pipe(fromValues([1]), take(1), 3 as unknown as Stage<number, number>)).toThrow(
      /pipe: stage 2 must be a function/,
    )
  })
})
