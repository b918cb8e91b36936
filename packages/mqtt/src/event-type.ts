import type { EventCategory, ViewtronEvent } from '@viewtron/core'

/** Every `event_type` a category's events can carry (Home Assistant's `event_types`). */
export const EVENT_TYPES: Readonly<Record<EventCategory, readonly string[]>> = Object.freeze({
  lpr: ['access'],
  face: ['face'],
  intrusion: ['perimeter', 'tripwire', 'entry', 'exit', 'loiter', 'parking'],
  counting: ['line', 'area'],
  metadata: ['metadata'],
  traject: ['traject'],
  other: ['other'],
})

/**
 * `event_type` for Home Assistant's event entity: `access` for LPR, the subtype for intrusion
 * and counting, the category otherwise.
 */
export function eventTypeOf(event: ViewtronEvent): string {
  switch (event.category) {
    case 'lpr':
      return 'access'
    case 'intrusion':
    case 'counting':
      return event.subtype
    default:
      return event.category
  }
}
