import type { EventCategory, ViewtronEvent } from '@viewtron/core'
import { describe, expect, it } from 'vitest'
import { byCategory, dropTraject, pipe } from '../src/index.js'
import { counting, face, intrusion, lpr, metadata, other, traject } from './support/events.js'
import { collect, fromValues } from './support/sources.js'

const mixed = (): ViewtronEvent[] => [
  lpr({ plateNumber: 'A1' }),
  traject(),
  face(),
  intrusion(),
  traject(),
  counting(),
  metadata(),
  other(),
  lpr({ plateNumber: 'B2' }),
]

describe('byCategory', () => {
  it('keeps only the events of the given category, in order', async () => {
    const out = await collect(pipe(fromValues(mixed()), byCategory('lpr')))
    expect(out.map((e) => e.plateNumber)).toEqual(['A1', 'B2'])
  })

  it('keeps every category given', async () => {
    const out = await collect(pipe(fromValues(mixed()), byCategory('face', 'other', 'counting')))
    expect(out.map((e) => e.category)).toEqual(['face', 'counting', 'other'])
  })

  it('returns the source when the consumer stops early', async () => {
    const source = fromValues(mixed())
    for await (const event of pipe(source, byCategory('lpr'))) {
      expect(event.plateNumber).toBe('A1')
      break
    }
    expect(source.stats.returns).toBe(1)
    expect(source.stats.pulls).toBe(1)
  })

  it('passes a source error on', async () => {
    const source = fromValues(mixed(), { failAt: 3, error: new Error('boom') })
    await expect(collect(pipe(source, byCategory('face')))).rejects.toThrow('boom')
  })

  it('rejects unknown categories and an empty list', () => {
    expect(() => byCategory('LPR' as EventCategory)).toThrow(RangeError)
    expect(() => byCategory('LPR' as EventCategory)).toThrow(
      /byCategory: unknown event category "LPR"/,
    )
    expect(() => (byCategory as (...c: EventCategory[]) => unknown)()).toThrow(TypeError)
  })
})

describe('dropTraject', () => {
  it('drops traject events and keeps the rest in order', async () => {
    const out = await collect(pipe(fromValues(mixed()), dropTraject()))
    expect(out.map((e) => e.category)).toEqual([
      'lpr',
      'face',
      'intrusion',
      'counting',
      'metadata',
      'other',
      'lpr',
    ])
  })

  it('returns the source when the consumer stops early', async () => {
    const source = fromValues(mixed())
    const iterator = pipe(source, dropTraject())[Symbol.asyncIterator]()
    await iterator.next()
    await iterator.next()
    await iterator.return?.()
    expect(source.stats.pulls).toBe(3)
    expect(source.stats.returns).toBe(1)
  })
})
