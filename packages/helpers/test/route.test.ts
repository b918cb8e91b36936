import type { ViewtronEvent } from '@viewtron/core'
import { describe, expect, it, vi } from 'vitest'
import { type RouteHandlers, route } from '../src/index.js'
import { counting, face, intrusion, lpr, metadata, other, traject } from './support/events.js'
import { controlled, fromValues, settle } from './support/sources.js'

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const plates = (n: number) => Array.from({ length: n }, (_, i) => lpr({ plateNumber: `P${i}` }))

describe('route', () => {
  it('hands each event to the handler for its category, and the rest to default', async () => {
    const log: string[] = []
    await route(
      fromValues<ViewtronEvent>([
        lpr({ plateNumber: 'A1' }),
        face(),
        traject(),
        intrusion(),
        counting(),
        metadata(),
        other(),
      ]),
      {
        lpr: (e) => void log.push(`lpr ${e.plateNumber}`),
        face: (e) => void log.push(`face ${e.faces.length}`),
        intrusion: (e) => void log.push(`intrusion ${e.subtype}`),
        traject: () => {},
        default: (e) => void log.push(`default ${e.category}`),
      },
    )
    expect(log).toEqual([
      'lpr A1',
      'face 0',
      'intrusion perimeter',
      'default counting',
      'default metadata',
      'default other',
    ])
  })

  it('skips events with no handler and resolves when the source ends', async () => {
    const handled: string[] = []
    const source = fromValues<ViewtronEvent>([face(), lpr({ plateNumber: 'X' }), traject()])
    await expect(route(source, { lpr: (e) => void handled.push(e.plateNumber) })).resolves.toBe(
      undefined,
    )
    expect(handled).toEqual(['X'])
    expect(source.stats.returns).toBe(0)
  })

  it('awaits each handler before pulling the next event by default', async () => {
    const source = fromValues(plates(3))
    const log: string[] = []
    await route(source, {
      lpr: async (e) => {
        log.push(`start ${e.plateNumber} after ${source.stats.pulls} pulls`)
        await new Promise((resolve) => setTimeout(resolve, 5))
        log.push(`end ${e.plateNumber}`)
      },
    })
    expect(log).toEqual([
      'start P0 after 1 pulls',
      'end P0',
      'start P1 after 2 pulls',
      'end P1',
      'start P2 after 3 pulls',
      'end P2',
    ])
  })

  it('never runs more handlers at once than concurrency, and reads only as handlers free up', async () => {
    const source = fromValues(plates(20))
    let running = 0
    let completed = 0
    let most = 0
    const gates: (() => void)[] = []
    const done = route(
      source,
      {
        lpr: async () => {
          running++
          most = Math.max(most, running)
          await new Promise<void>((resolve) => gates.push(resolve))
          running--
          completed++
        },
      },
      { concurrency: 3 },
    )
    while (completed < 20) {
      await settle()
      expect(running).toBeLessThanOrEqual(3)
      // Every event read has a handler running or done; nothing is read ahead of a free slot.
      expect(source.stats.yielded).toBe(completed + running)
      if (running === 3) expect(source.stats.pulls).toBe(source.stats.yielded)
      gates.shift()?.()
    }
    await done
    expect(most).toBe(3)
  })

  it('stops pulling on abort, waits for running handlers, returns the source and resolves', async () => {
    const source = controlled<ViewtronEvent>()
    const stop = new AbortController()
    const gate = deferred()
    const log: string[] = []
    const done = route(
      source,
      {
        lpr: async (e) => {
          log.push(`start ${e.plateNumber}`)
          await gate.promise
          log.push(`end ${e.plateNumber}`)
        },
      },
      { concurrency: 2, signal: stop.signal },
    )
    source.push(lpr({ plateNumber: 'A' }), lpr({ plateNumber: 'B' }))
    await settle()
    expect(log).toEqual(['start A', 'start B'])
    let resolved = false
    void done.then(() => {
      resolved = true
    })
    stop.abort()
    source.push(lpr({ plateNumber: 'C' }))
    await settle()
    expect(resolved).toBe(false)
    expect(source.stats.returns).toBe(0)
    gate.resolve()
    await done
    expect(log).toEqual(['start A', 'start B', 'end A', 'end B'])
    expect(source.stats.yielded).toBe(2)
    expect(source.stats.returns).toBe(1)
  })

  it('resolves on abort while the source is idle and returns it', async () => {
    const source = controlled<ViewtronEvent>()
    const stop = new AbortController()
    const done = route(source, { default: () => {} }, { signal: stop.signal })
    await settle()
    expect(source.waiting).toBe(true)
    stop.abort()
    await done
    expect(source.stats.returns).toBe(1)
    expect(source.waiting).toBe(false)
  })

  it('does not read the source when the signal is already aborted', async () => {
    const source = fromValues(plates(2))
    const handler = vi.fn()
    await route(source, { lpr: handler }, { signal: AbortSignal.abort() })
    expect(handler).not.toHaveBeenCalled()
    expect(source.stats.pulls).toBe(0)
  })

  it('rejects with a handler error, stops pulling and returns the source', async () => {
    const source = fromValues(plates(10))
    const handled: string[] = []
    const error = new Error('database down')
    const done = route(source, {
      lpr: (e) => {
        handled.push(e.plateNumber)
        if (e.plateNumber === 'P2') throw error
      },
    })
    await expect(done).rejects.toBe(error)
    expect(handled).toEqual(['P0', 'P1', 'P2'])
    expect(source.stats.pulls).toBe(3)
    expect(source.stats.returns).toBe(1)
  })

  it('waits for the other running handlers before rejecting', async () => {
    const source = fromValues(plates(5))
    const slow = deferred()
    const log: string[] = []
    const done = route(
      source,
      {
        lpr: async (e) => {
          if (e.plateNumber === 'P0') {
            await slow.promise
            log.push('P0 finished')
            return
          }
          throw new Error(`failed ${e.plateNumber}`)
        },
      },
      { concurrency: 2 },
    )
    let rejected = false
    done.catch(() => {
      rejected = true
    })
    await settle()
    expect(rejected).toBe(false)
    slow.resolve()
    await expect(done).rejects.toThrow('failed P1')
    expect(log).toEqual(['P0 finished'])
    expect(source.stats.pulls).toBe(2)
  })

  it('reports handler errors to onError and keeps going', async () => {
    const errors: string[] = []
    const handled: string[] = []
    await route(
      fromValues(plates(4)),
      {
        lpr: async (e) => {
          if (e.plateNumber === 'P1' || e.plateNumber === 'P3')
            throw new Error(`bad ${e.plateNumber}`)
          handled.push(e.plateNumber)
        },
      },
      {
        onError: (error, event) => {
          errors.push(`${(error as Error).message} / ${event.category}`)
        },
      },
    )
    expect(handled).toEqual(['P0', 'P2'])
    expect(errors).toEqual(['bad P1 / lpr', 'bad P3 / lpr'])
  })

  it('rejects when onError itself throws', async () => {
    const source = fromValues(plates(3))
    const done = route(
      source,
      {
        lpr: () => {
          throw new Error('first')
        },
      },
      {
        onError: () => {
          throw new Error('onError gave up')
        },
      },
    )
    await expect(done).rejects.toThrow('onError gave up')
    expect(source.stats.returns).toBe(1)
  })

  it('rejects with a source error after running handlers settle', async () => {
    const source = fromValues(plates(3), { failAt: 1, error: new Error('stream broke') })
    const handled: string[] = []
    await expect(
      route(source, { lpr: (e) => void handled.push(e.plateNumber) }, { concurrency: 2 }),
    ).rejects.toThrow('stream broke')
    expect(handled).toEqual(['P0'])
  })

  it('validates its arguments', () => {
    const source = fromValues<ViewtronEvent>([])
    expect(() => route(source, { lrp: () => {} } as RouteHandlers)).toThrow(
      /route: unknown handler "lrp"/,
    )
    expect(() => route(source, { lpr: 'save' } as unknown as RouteHandlers)).toThrow(
      /route: handlers.lpr must be a function/,
    )
    expect(() => route(source, {}, { concurrency: 0 })).toThrow(RangeError)
    expect(() => route(source, {}, { concurrency: 0 })).toThrow(/concurrency/)
    expect(() => route(source, {}, { signal: {} as AbortSignal })).toThrow(TypeError)
    expect(() => route(source, {}, { onError: 1 as unknown as () => void })).toThrow(/onError/)
    expect(() => route([] as unknown as AsyncIterable<ViewtronEvent>, {})).toThrow(TypeError)
  })
})
