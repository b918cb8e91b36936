import { EVENT_CATEGORIES, type EventCategory } from '@viewtron/core'

/** Events printed, and images saved, per category. */
export interface EventTally {
  events: Record<EventCategory, number>
  images: Record<EventCategory, number>
}

const zeros = (): Record<EventCategory, number> =>
  Object.fromEntries(EVENT_CATEGORIES.map((c) => [c, 0])) as Record<EventCategory, number>

/** A tally with every count at zero. */
export function emptyTally(): EventTally {
  return { events: zeros(), images: zeros() }
}
