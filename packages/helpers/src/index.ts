/**
 * Typed, backpressure-preserving combinators for the event streams of `@viewtron/core`.
 *
 * Every stage is a function from one async iterable to another; {@link pipe} chains them with
 * full type inference. Stages are lazy and pull-based, leaving a `for await` early returns the
 * source (so a server subscription is released), and errors travel down to the consumer.
 *
 * @example
 * ```ts
 * import { byCategory, dedupePlates, dropTraject, pipe, route } from '@viewtron/helpers'
 *
 * // One LPR event per plate per camera every 30 s, typed as LprEvent.
 * const plates = pipe(server.events(), dropTraject(), byCategory('lpr'), dedupePlates({ windowMs: 30_000 }))
 * for await (const event of plates) console.log(event.plateNumber, event.plateGroup)
 *
 * // Or hand each category to its own handler.
 * await route(server.events(), { lpr: savePlate, face: saveFace, default: () => {} })
 * ```
 *
 * @packageDocumentation
 */
export { type BatchOptions, batch } from './batch.js'
export { byCamera, type CameraMatch } from './by-camera.js'
export { byCategory } from './by-category.js'
export { byPlateGroup } from './by-plate-group.js'
export { type DedupeOptions, dedupe } from './dedupe.js'
export { type DedupePlatesOptions, dedupePlates } from './dedupe-plates.js'
export { dropTraject } from './drop-traject.js'
export { filter } from './filter.js'
export { map } from './map.js'
export { merge } from './merge.js'
export { pipe } from './pipe.js'
export { type RouteHandlers, type RouteOptions, route } from './route.js'
export { take } from './take.js'
export { takeUntil } from './take-until.js'
export { tap } from './tap.js'
export { type ThrottleOptions, throttle } from './throttle.js'
export type { ElementOf, FilterStage, Stage } from './types.js'
export { withImages } from './with-images.js'
