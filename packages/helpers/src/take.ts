import { requireInteger } from './internal/validate.js'
import type { FilterStage } from './types.js'

/**
 * Yields the first `count` values, then ends and returns the source (so a server subscription
 * is released). `take(0)` ends at once without reading the source.
 *
 * @throws RangeError unless `count` is a non-negative integer or `Infinity`.
 * @example
 * ```ts
 * for await (const event of pipe(server.events(), byCategory('lpr'), take(5))) console.log(event)
 * ```
 */
export function take(count: number): FilterStage {
  requireInteger('take', 'count', count, 0, true)
  return async function* takeStage<E>(source: AsyncIterable<E>) {
    if (count === 0) return
    let seen = 0
    for await (const value of source) {
      yield value
      // Leaving the loop here returns the source without pulling a value nobody asked for.
      if (++seen >= count) return
    }
  }
}
