/**
 * The `viewtron` command line (`serve`, `simulate`, `parse`, `demo`) and its camera simulator
 * as a library: {@link simulate} drives simulated cameras and NVR channels against any server,
 * in-process, for tests, benchmarks and examples.
 *
 * @example
 * ```ts
 * import { simulate } from '@viewtron/cli'
 *
 * const summary = await simulate({ target: 'http://127.0.0.1:5050/API', mode: 'mixed', count: 20 })
 * if (summary.failed > 0) console.error(summary.errors)
 * ```
 *
 * @packageDocumentation
 */
export { cameraLabel } from './camera-label.js'
export { eventJsonLine, eventRecord, type SavedImages } from './event-record.js'
export { describeEvent, describeImage, formatClock, formatEvent } from './format-event.js'
export type { Command, Io, Writer } from './io.js'
export { PLATES, type SimulatedPlate } from './simulator/event-details.js'
export {
  EVENT_KINDS,
  NVR_EVENT_KINDS,
  type SimulatedEventKind,
} from './simulator/event-kinds.js'
export { formatProgress, formatSimulateSummary } from './simulator/format-simulate-summary.js'
export type { PostKind } from './simulator/planned-post.js'
export { simulate } from './simulator/simulate.js'
export type {
  SimulateImages,
  SimulateMode,
  SimulateOptions,
  SimulateProgress,
} from './simulator/simulate-options.js'
export type { SimulateSummary } from './simulator/simulate-summary.js'
export type { HeartbeatForm } from './simulator/simulated-devices.js'
