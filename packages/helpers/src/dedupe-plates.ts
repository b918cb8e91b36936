import type { ViewtronEvent } from '@viewtron/core'
import { dedupe } from './dedupe.js'
import { requireDuration, requireObject } from './internal/validate.js'
import type { FilterStage } from './types.js'

/** Options for {@link dedupePlates}. */
export interface DedupePlatesOptions {
  /** How long, in milliseconds, a passed plate read suppresses re-reads from the same camera. */
  windowMs: number
}

/**
 * One LPR event per plate per camera (client IP + NVR channel) per window: LPR cameras re-read a
 * plate many times while a car waits at the gate. Same window rules as {@link dedupe}. Events of
 * other categories, and LPR events with no plate text, pass unchanged.
 *
 * @throws RangeError unless `windowMs` is finite and > 0.
 * @example
 * ```ts
 * const arrivals = pipe(server.events(), byCategory('lpr'), dedupePlates({ windowMs: 30_000 }))
 * ```
 */
export function dedupePlates(options: DedupePlatesOptions): FilterStage<ViewtronEvent> {
  requireObject('dedupePlates', 'options', options)
  requireDuration('dedupePlates', 'windowMs', options.windowMs)
  const stage = dedupe<ViewtronEvent>({
    key: (event) =>
      event.category === 'lpr' && event.plateNumber !== ''
        ? JSON.stringify([event.clientIp, event.device.channelId, event.plateNumber])
        : undefined,
    windowMs: options.windowMs,
  })
  return <E extends ViewtronEvent>(source: AsyncIterable<E>) => stage(source) as AsyncIterable<E>
}
