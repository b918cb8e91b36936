import { requireFunction } from './internal/validate.js'
import type { Stage } from './types.js'

/**
 * Keeps the values for which `predicate` is truthy. A type-guard predicate narrows the stream's
 * type. The predicate may return a promise; the next value is not pulled until it settles.
 *
 * @param predicate - called with each value and its index in the source.
 * @example
 * ```ts
 * const confident = pipe(plates, filter((e) => (e.confidence ?? 0) >= 90))
 * ```
 */
export function filter<T, S extends T>(
  predicate: (value: T, index: number) => value is S,
): Stage<T, S>
/**
 * Keeps the values for which `predicate` is truthy, without narrowing the stream's type. The
 * predicate may return a promise; the next value is not pulled until it settles.
 *
 * @param predicate - called with each value and its index in the source.
 */
export function filter<T>(predicate: (value: T, index: number) => unknown): Stage<T, T>
export function filter<T>(predicate: (value: T, index: number) => unknown): Stage<T, T> {
  requireFunction('filter', 'predicate', predicate)
  return async function* filterStage(source) {
    let index = 0
    for await (const value of source) {
      let keep = predicate(value, index++)
      if (isThenable(keep)) keep = await keep
      if (keep) yield value
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
