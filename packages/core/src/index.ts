/**
 * Receive the AI events Viewtron IP cameras and NVRs push over HTTP as typed, streamed events.
 *
 * @packageDocumentation
 */
export * from './event.js'
export * from './event-image.js'
export * from './types.js'
