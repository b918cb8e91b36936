import type { EventCategory, EventOf, ViewtronEvent } from '@viewtron/core'
import { requireCategory } from './internal/categories.js'
import type { Stage } from './types.js'

/**
 * Keeps the events of the given categories and narrows the type:
 * `pipe(server.events(), byCategory('lpr', 'face'))` is an `AsyncIterable<LprEvent | FaceEvent>`.
 *
 * @throws TypeError when no category is given; RangeError for an unknown category.
 * @example
 * ```ts
 * for await (const plate of pipe(server.events(), byCategory('lpr'))) save(plate.plateNumber)
 * ```
 */
export function byCategory<C extends EventCategory>(
  ...categories: [C, ...C[]]
): Stage<ViewtronEvent, EventOf<C>> {
  if (categories.length === 0) throw new TypeError('byCategory: give at least one category')
  for (const category of categories) requireCategory('byCategory', category)
  const wanted = new Set<EventCategory>(categories)
  return async function* byCategoryStage(source) {
    for await (const event of source) {
      if (wanted.has(event.category)) yield event as EventOf<C>
    }
  }
}
