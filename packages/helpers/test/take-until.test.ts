import { describe, expect, it } from 'vitest'
import { pipe, takeUntil } from '../src/index.js'
import { collect, controlled, fromValues, settle } from './support/sources.js'

describe('takeUntil', () => {
  it('passes values through until the signal aborts', async () => {
    const stop = new AbortController()
    const source = fromValues((i) => i)
    const seen: number[] = []
    for await (const value of pipe(source, takeUntil(stop.signal))) {
      seen.push(value)
      if (value === 2) stop.abort()
    }
    expect(seen).toEqual([0, 1, 2])
    expect(source.stats.pulls).toBe(3)
    expect(source.stats.returns).toBe(1)
  })

  it('ends a loop waiting on an idle source and returns it', async () => {
    const stop = new AbortController()
    const source = controlled<string>()
    const reading = collect(pipe(source, takeUntil(stop.signal)))
    source.push('a')
    await settle()
    expect(source.waiting).toBe(true)
    stop.abort()
    expect(await reading).toEqual(['a'])
    expect(source.stats.returns).toBe(1)
    expect(source.waiting).toBe(false)
  })

  it('reads nothing when the signal is already aborted', async () => {
    const source = fromValues([1])
    expect(await collect(pipe(source, takeUntil(AbortSignal.abort())))).toEqual([])
    expect(source.stats.pulls).toBe(0)
  })

  it('ends with the source when it ends first and passes its errors on', async () => {
    const signal = new AbortController().signal
    expect(await collect(pipe(fromValues([1, 2]), takeUntil(signal)))).toEqual([1, 2])
    const failing = fromValues([1], { failAt: 0, error: new Error('nope') })
    await expect(collect(pipe(failing, takeUntil(signal)))).rejects.toThrow('nope')
  })

  it('requires an AbortSignal', () => {
    expect(() => takeUntil({} as AbortSignal)).toThrow(/takeUntil: signal must be an AbortSignal/)
  })
})
