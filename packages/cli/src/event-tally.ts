import { EVENT_CATEGORIES, type EventCategory } from '@viewtron/core'

/** Every category, in the order summaries list them (core's list). */
export const CATEGORIES: readonly EventCategory[] = EVENT_CATEGORIES

/** Events printed, and images saved, per category. */
export interface EventTally {
  events: Record<EventCategory, number>
  images: Record<EventCategory, number>
}

const zeros = (): Record<EventCategory, number> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<EventCategory, number>

/** A tally with every count at zero. */
export function emptyTally(): EventTally {
  return { events: zeros(), images: zeros() }
}
