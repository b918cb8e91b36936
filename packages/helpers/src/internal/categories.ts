import { type EventCategory, EVENT_CATEGORIES as LIST } from '@viewtron/core'

/** Every event category, for run-time checks of user input. */
export const EVENT_CATEGORIES: ReadonlySet<string> = new Set(LIST)

/** Throws a RangeError unless `value` is an event category. */
export function requireCategory(where: string, value: unknown): asserts value is EventCategory {
  if (typeof value !== 'string' || !EVENT_CATEGORIES.has(value)) {
    throw new RangeError(
      `${where}: unknown event category ${JSON.stringify(value)} (expected one of ${LIST.join(', ')})`,
    )
  }
}
