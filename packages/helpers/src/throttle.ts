import { Puller } from './internal/puller.js'
import { requireDuration, requireFunction, requireObject } from './internal/validate.js'
import { Wakeup } from './internal/wakeup.js'
import type { Stage } from './types.js'

/** Options for {@link throttle}. */
export interface ThrottleOptions<T> {
  /** Which values share a budget (e.g. one per tracked target). `undefined` passes unthrottled. */
  key: (value: T) => string | undefined
  /** The interval, in milliseconds, in which at most one value per key is emitted. */
  intervalMs: number
}

interface Slot<T> {
  /** The latest value received during the interval, waiting for it to end. */
  held: { value: T } | undefined
  /** When the interval ends (monotonic ms); used to order the flush at the end. */
  endsAt: number
  timer: NodeJS.Timeout
}

/**
 * At most one value per key per interval. The first value of a key passes at once and opens an
 * interval; later values in the interval are held, each replacing the one before, and the latest
 * is emitted when the interval ends, which opens a new interval. When the source ends, held
 * values are emitted at once, in the order their intervals would have ended.
 *
 * Read-ahead: while values are held, the stage keeps one pull outstanding on the source so it
 * can see newer values; it holds at most one value per key, and does not pull while emitted
 * values wait for the consumer. Its timers are cleared when the stream ends or is left.
 *
 * @throws TypeError if `key` is not a function; RangeError unless `intervalMs` is finite and > 0.
 * @example
 * ```ts
 * // One position update per tracked target per second.
 * const tracks = pipe(server.events(), byCategory('traject'),
 *   throttle({ key: (e) => `${e.clientIp}/${e.targets[0]?.targetId}`, intervalMs: 1000 }))
 * ```
 */
export function throttle<T>(options: ThrottleOptions<T>): Stage<T, T> {
  requireObject('throttle', 'options', options)
  const { key, intervalMs } = options
  requireFunction('throttle', 'key', key)
  requireDuration('throttle', 'intervalMs', intervalMs)

  return async function* throttleStage(source) {
    const puller = new Puller(source)
    const wakeup = new Wakeup()
    const slots = new Map<string, Slot<T>>()
    const ready: T[] = []

    const open = (id: string): void => {
      const slot: Slot<T> = {
        held: undefined,
        endsAt: performance.now() + intervalMs,
        timer: setTimeout(() => end(id, slot), intervalMs),
      }
      slots.set(id, slot)
    }
    const end = (id: string, slot: Slot<T>): void => {
      slots.delete(id)
      if (slot.held !== undefined) {
        ready.push(slot.held.value)
        open(id)
      }
      wakeup.wake()
    }

    try {
      while (true) {
        if (ready.length > 0) {
          yield ready.shift() as T
          continue
        }
        // Race the pull against interval ends only while some interval is open.
        const result = await (slots.size === 0
          ? puller.next()
          : Promise.race([puller.next(), wakeup.wait()]))
        if (result === undefined) continue
        puller.taken()
        if (result.done) break
        const id = key(result.value)
        const slot = id === undefined ? undefined : slots.get(id)
        if (slot !== undefined) {
          slot.held = { value: result.value }
          continue
        }
        if (id !== undefined) open(id)
        yield result.value
      }
      // Interval ends that fired during the last pull come first.
      while (ready.length > 0) yield ready.shift() as T
      const pending = [...slots.values()].sort((a, b) => a.endsAt - b.endsAt)
      for (const slot of pending) clearTimeout(slot.timer)
      slots.clear()
      for (const slot of pending) if (slot.held !== undefined) yield slot.held.value
    } finally {
      for (const slot of slots.values()) clearTimeout(slot.timer)
      slots.clear()
      await puller.close()
    }
  }
}
