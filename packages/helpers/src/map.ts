import { requireFunction } from './internal/validate.js'
import type { Stage } from './types.js'

/**
 * Transforms each value with `fn`, which may be async. One value at a time, in order: the next
 * value is not pulled until `fn` has settled for the current one.
 *
 * @param fn - called with each value and its index in the source.
 * @example
 * ```ts
 * const rows = pipe(plates, map(async (e) => ({ plate: e.plateNumber, owner: await lookup(e) })))
 * ```
 */
export function map<T, R>(fn: (value: T, index: number) => R | PromiseLike<R>): Stage<T, R> {
  requireFunction('map', 'fn', fn)
  return async function* mapStage(source) {
    let index = 0
    for await (const value of source) yield await fn(value, index++)
  }
}
