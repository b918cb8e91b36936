/**
 * Receive the AI events Viewtron IP cameras and NVRs push over HTTP as typed, streamed events.
 *
 * @packageDocumentation
 */
export * from './event.js'
export * from './event-image.js'
export { normalizeMac } from './extract/device.js'
export { IPC_SMART_TYPES, NVR_SMART_TYPES, type SmartTypeInfo } from './extract/smart-types.js'
export { parseCurrentTime, parseDataTime } from './extract/time.js'
export { parseEvent, parseEventStream } from './parse.js'
export { BodyParser } from './parser/body-parser.js'
export { DEFAULT_LIMITS } from './parser/limits.js'
export * from './types.js'
