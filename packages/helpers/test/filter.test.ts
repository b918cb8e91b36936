import { describe, expect, it } from 'vitest'
import { filter, map, pipe, tap } from '../src/index.js'
import { collect, fromValues } from './support/sources.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('filter', () => {
  it('keeps the values the predicate accepts, with their index', async () => {
    const indexes: number[] = []
    const out = pipe(
      fromValues([5, 6, 7, 8]),
      filter((n: number, index) => {
        indexes.push(index)
        return n % 2 === 0
      }),
    )
    expect(await collect(out)).toEqual([6, 8])
    expect(indexes).toEqual([0, 1, 2, 3])
  })

  it('awaits an async predicate before pulling the next value', async () => {
    const source = fromValues([1, 2, 3, 4])
    const pullsSeen: number[] = []
    const out = pipe(
      source,
      filter(async (n: number) => {
        pullsSeen.push(source.stats.pulls)
        await tick()
        return n > 2
      }),
    )
    expect(await collect(out)).toEqual([3, 4])
    expect(pullsSeen).toEqual([1, 2, 3, 4])
  })

  it('ends with the predicate error and returns the source', async () => {
    const source = fromValues([1, 2, 3])
    const out = pipe(
      source,
      filter((n: number) => {
        if (n === 2) throw new Error('predicate failed')
        return true
      }),
    )
    await expect(collect(out)).rejects.toThrow('predicate failed')
    expect(source.stats.returns).toBe(1)
  })

  it('requires a function', () => {
    expect(() => filter(null as unknown as () => boolean)).toThrow(
      /filter: predicate must be a function/,
    )
  })
})

describe('map', () => {
  it('maps with a sync function', async () => {
    expect(
      await collect(
        pipe(
          fromValues([1, 2]),
          map((n: number, i) => n * 10 + i),
        ),
      ),
    ).toEqual([10, 21])
  })

  it('maps with an async function one value at a time, keeping the order', async () => {
    let running = 0
    let most = 0
    const out = pipe(
      fromValues([30, 10, 20]),
      map(async (ms: number) => {
        running++
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, ms))
        running--
        return `${ms}ms`
      }),
    )
    expect(await collect(out)).toEqual(['30ms', '10ms', '20ms'])
    expect(most).toBe(1)
  })

  it('ends with a rejection from the function and returns the source', async () => {
    const source = fromValues([1, 2, 3])
    const out = pipe(
      source,
      map(async (n: number) => {
        if (n === 1) throw new Error('lookup failed')
        return n
      }),
    )
    await expect(collect(out)).rejects.toThrow('lookup failed')
    expect(source.stats.returns).toBe(1)
  })

  it('requires a function', () => {
    expect(() => map('x' as unknown as () => 1)).toThrow(TypeError)
  })
})

describe('tap', () => {
  it('sees every value and passes it on unchanged', async () => {
    const seen: [number, number][] = []
    const out = pipe(
      fromValues([4, 5]),
      tap((n: number, i) => {
        seen.push([n, i])
      }),
    )
    expect(await collect(out)).toEqual([4, 5])
    expect(seen).toEqual([
      [4, 0],
      [5, 1],
    ])
  })

  it('awaits an async side effect before the value moves on', async () => {
    const log: string[] = []
    const out = pipe(
      fromValues(['a', 'b']),
      tap(async (s: string) => {
        await tick()
        log.push(`tapped ${s}`)
      }),
    )
    for await (const s of out) log.push(`got ${s}`)
    expect(log).toEqual(['tapped a', 'got a', 'tapped b', 'got b'])
  })

  it('ends with the error of the side effect', async () => {
    const source = fromValues([1, 2])
    const out = pipe(
      source,
      tap(() => {
        throw new Error('metrics down')
      }),
    )
    await expect(collect(out)).rejects.toThrow('metrics down')
    expect(source.stats.returns).toBe(1)
  })

  it('requires a function', () => {
    expect(() => tap(undefined as unknown as () => void)).toThrow(/tap: fn must be a function/)
  })
})
