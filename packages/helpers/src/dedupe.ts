import { KeyWindow } from './internal/key-window.js'
import { requireDuration, requireFunction, requireObject } from './internal/validate.js'
import type { Stage } from './types.js'

/** Options for {@link dedupe}. */
export interface DedupeOptions<T> {
  /**
   * What makes two values duplicates. Return `undefined` to let a value through unchecked.
   */
  key: (value: T) => string | undefined
  /** How long, in milliseconds, a passed value suppresses later values with the same key. */
  windowMs: number
}

/**
 * Drops repeats: a value passes if no value with the same key passed in the last `windowMs`.
 * The window starts at each value that passes; suppressed repeats do not extend it, so a key
 * that repeats forever still passes once per window.
 *
 * Time is the monotonic clock at the moment a value is read. No timers and no read-ahead; keys
 * whose window has ended are evicted as values arrive, so memory is bounded by the number of keys
 * passed within one window.
 *
 * @throws TypeError if `key` is not a function; RangeError unless `windowMs` is finite and > 0.
 * @example
 * ```ts
 * const oncePerMinute = pipe(server.events(), byCategory('intrusion'),
 *   dedupe({ key: (e) => `${e.clientIp}/${e.subtype}`, windowMs: 60_000 }))
 * ```
 */
export function dedupe<T>(options: DedupeOptions<T>): Stage<T, T> {
  requireObject('dedupe', 'options', options)
  const { key, windowMs } = options
  requireFunction('dedupe', 'key', key)
  requireDuration('dedupe', 'windowMs', windowMs)
  return async function* dedupeStage(source) {
    const seen = new KeyWindow(windowMs)
    for await (const value of source) {
      const id = key(value)
      if (id !== undefined && !seen.admit(id, performance.now())) continue
      yield value
    }
  }
}
