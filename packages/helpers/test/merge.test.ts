import { describe, expect, it } from 'vitest'
import { merge, pipe, take } from '../src/index.js'
import { collect, controlled, fromValues, settle } from './support/sources.js'

const endless = (name: string) => fromValues((i) => `${name}${i}`)

describe('merge', () => {
  it('yields every value of every source, each source in its own order, and ends when all end', async () => {
    const out = await collect(
      merge(
        fromValues(['a0', 'a1', 'a2']),
        fromValues([]),
        fromValues(['c0', 'c1', 'c2', 'c3', 'c4']),
      ),
    )
    expect(out).toHaveLength(8)
    expect(out.filter((s) => s.startsWith('a'))).toEqual(['a0', 'a1', 'a2'])
    expect(out.filter((s) => s.startsWith('c'))).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'])
  })

  it('ends at once with no sources', async () => {
    expect(await collect(merge())).toEqual([])
  })

  it('takes turns between sources that always have a value ready', async () => {
    const out = await collect(pipe(merge(endless('a'), endless('b'), endless('c')), take(30)))
    const counts = { a: 0, b: 0, c: 0 }
    for (const value of out) counts[value[0] as 'a' | 'b' | 'c']++
    expect(counts).toEqual({ a: 10, b: 10, c: 10 })
    expect(out.slice(0, 6)).toEqual(['a0', 'b0', 'c0', 'a1', 'b1', 'c1'])
  })

  it('does not let a busy source starve a quiet one', async () => {
    const quiet = controlled<string>()
    const iterator = merge(endless('busy'), quiet)[Symbol.asyncIterator]()
    for (let i = 0; i < 5; i++) expect((await iterator.next()).value).toBe(`busy${i}`)
    quiet.push('q0')
    await settle()
    // The quiet source's value comes next, ahead of the busy source's ready one.
    expect((await iterator.next()).value).toBe('q0')
    expect((await iterator.next()).value).toBe('busy5')
    await iterator.return?.()
  })

  it('pulls each source again only after its previous value was consumed', async () => {
    const sources = [endless('a'), endless('b'), endless('c')]
    const consumed = { a: 0, b: 0, c: 0 }
    const iterator = merge(...sources)[Symbol.asyncIterator]()
    for (let step = 1; step <= 30; step++) {
      const { value } = await iterator.next()
      consumed[(value as string)[0] as 'a' | 'b' | 'c']++
      await settle()
      // Each source has run at most one value ahead of what the consumer took from it.
      expect(sources[0]!.stats.pulls).toBeLessThanOrEqual(consumed.a + 1)
      expect(sources[1]!.stats.pulls).toBeLessThanOrEqual(consumed.b + 1)
      expect(sources[2]!.stats.pulls).toBeLessThanOrEqual(consumed.c + 1)
      expect(sources.reduce((sum, s) => sum + s.stats.pulls, 0)).toBeLessThanOrEqual(step + 3)
    }
    // A consumer that stops asking stops the sources.
    const before = sources.map((s) => s.stats.pulls)
    await settle()
    expect(sources.map((s) => s.stats.pulls)).toEqual(before)
    await iterator.return?.()
  })

  it('returns every source when the consumer leaves, including one waiting for a value', async () => {
    const a = endless('a')
    const b = endless('b')
    const idle = controlled<string>()
    let seen = 0
    for await (const _ of merge(a, b, idle)) if (++seen === 4) break
    expect(a.stats.returns).toBe(1)
    expect(b.stats.returns).toBe(1)
    expect(idle.stats.returns).toBe(1)
    expect(idle.waiting).toBe(false)
  })

  it('ends with the error of a failing source and returns the others', async () => {
    const ok = endless('ok')
    const failing = fromValues(['f0', 'f1'], { failAt: 1, error: new Error('port closed') })
    const idle = controlled<string>()
    await expect(collect(merge(ok, failing, idle))).rejects.toThrow('port closed')
    expect(ok.stats.returns).toBe(1)
    expect(idle.stats.returns).toBe(1)
    expect(failing.stats.returns).toBe(0)
  })

  it('ends with the error when the failing source is the last one live', async () => {
    const failing = fromValues(['x'], { failAt: 0, error: new Error('only source failed') })
    await expect(collect(merge(fromValues(['a']), failing))).rejects.toThrow('only source failed')
  })

  it('rejects a source that is not async iterable', () => {
    expect(() => merge(fromValues([1]), [2] as unknown as AsyncIterable<number>)).toThrow(
      /merge: source 2 must be an async iterable/,
    )
  })
})
