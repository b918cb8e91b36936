/**
 * Receive the AI events Viewtron IP cameras and NVRs push over HTTP as typed, streamed events.
 *
 * @packageDocumentation
 */
export * from './event.js'
export * from './event-fields.js'
export * from './event-image.js'
export { normalizeMac } from './extract/device.js'
export { IPC_SMART_TYPES, NVR_SMART_TYPES, type SmartTypeInfo } from './extract/smart-types.js'
export { parseCurrentTime, parseDataTime } from './extract/time.js'
export { parseEvent, parseEventStream } from './parse.js'
export { BodyParser, type ParseFailure } from './parser/body-parser.js'
export { DEFAULT_LIMITS, type ResolvedLimits } from './parser/limits.js'
export { BASIC_CHALLENGE, BasicAuth, type BasicAuthOptions } from './server/access-control.js'
export type { CameraInfo } from './server/camera-registry.js'
export { lanAddress } from './server/lan-address.js'
export { RefusePost } from './server/refuse-post.js'
export {
  type ServerCallbackName,
  ViewtronServerError,
  type ViewtronServerErrorCode,
} from './server/server-error.js'
export type {
  EventsOptions,
  OverflowPolicy,
  QueueOptions,
  TlsServerOptions,
  UnparsedInfo,
  ViewtronServerOptions,
} from './server/server-options.js'
export type { RejectStatus, ServerStats } from './server/server-stats.js'
export type { QueueStats } from './server/subscription.js'
export { SUCCESS_REPLY } from './server/success-reply.js'
export type { ViewtronHandlers } from './server/viewtron-handlers.js'
export { type ListenInfo, ViewtronServer } from './server/viewtron-server.js'
export * from './types.js'
