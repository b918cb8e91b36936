/**
 * A loss-free MQTT bridge for Viewtron camera events (a post is acknowledged only once the
 * broker acknowledged every message of its event), Home Assistant discovery, and a typed
 * consumer that shares the stream across workers.
 *
 * @packageDocumentation
 */
export type { MqttBridgeOptions } from './bridge-options.js'
export type {
  CameraDetails,
  CameraDetailsLookup,
  CameraDetailsQuery,
} from './camera-details.js'
export { type CameraIdFunction, defaultCameraId } from './camera-id.js'
export type { MqttConnectionOptions, MqttTlsOptions } from './connection-options.js'
export { redactUrl } from './connection-options.js'
export { eventIdOf } from './event-id.js'
export { EVENT_TYPES, eventTypeOf } from './event-type.js'
export {
  createMqttBridge,
  type HandlerHost,
  MqttBridge,
  type MqttBridgeHandlers,
  type MqttBridgeStats,
} from './mqtt-bridge.js'
export { MalformedEvent, type MqttEvent, type MqttEventFields } from './received-event.js'
export { type SubscribeEventsOptions, subscribeEvents } from './subscribe-events.js'
export { Topics } from './topics.js'
