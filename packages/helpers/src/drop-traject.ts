import type { TrajectEvent, ViewtronEvent } from '@viewtron/core'

/**
 * Drops `traject` (real-time tracking) events. A tracked person produces 6–12 of them a second,
 * so put this first in a pipe that does not need them, before stages that cost per event.
 *
 * @example
 * ```ts
 * const alarms = pipe(server.events(), dropTraject(), withImages())
 * ```
 */
export function dropTraject(): <E extends ViewtronEvent>(
  source: AsyncIterable<E>,
) => AsyncIterable<Exclude<E, TrajectEvent>> {
  return async function* dropTrajectStage<E extends ViewtronEvent>(source: AsyncIterable<E>) {
    for await (const event of source) {
      if (event.category !== 'traject') yield event as Exclude<E, TrajectEvent>
    }
  }
}
