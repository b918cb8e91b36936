import type { EventCategory } from '@viewtron/core'

// @viewtron/core has the category names only as a type; this list checks them at run time.
const list = [
  'lpr',
  'face',
  'intrusion',
  'counting',
  'metadata',
  'traject',
  'other',
] as const satisfies readonly EventCategory[]

// Fails to compile if core gains a category this list lacks.
const complete: Exclude<EventCategory, (typeof list)[number]> extends never ? true : never = true
void complete

/** Every event category, in the order of the core's union. */
export const EVENT_CATEGORIES: ReadonlySet<string> = new Set(list)

/** Throws a RangeError unless `value` is an event category. */
export function requireCategory(where: string, value: unknown): asserts value is EventCategory {
  if (typeof value !== 'string' || !EVENT_CATEGORIES.has(value)) {
    throw new RangeError(
      `${where}: unknown event category ${JSON.stringify(value)} (expected one of ${list.join(', ')})`,
    )
  }
}
