import { hostname } from 'node:os'
import type { CameraDetailsLookup } from './camera-details.js'
import { type CameraIdFunction, defaultCameraId, topicSafe } from './camera-id.js'
import { checkConnection, type MqttConnectionOptions } from './connection-options.js'
import { checkedPrefix } from './topics.js'

/** Settings of {@link createMqttBridge}. Only `url` is required. */
export interface MqttBridgeOptions extends MqttConnectionOptions {
  /**
   * This ingest node's name (`[a-z0-9_-]`): its status topic `viewtron/bridge/<nodeId>/status`,
   * the `nodeId` of every event it publishes, and its MQTT client id. Give each node its own.
   * @default the host name
   */
  nodeId?: string
  /**
   * First level of every topic.
   * @default 'viewtron'
   */
  topicPrefix?: string
  /**
   * Publish Home Assistant discovery configs (and re-send them when Home Assistant restarts).
   * @default false
   */
  homeAssistant?: boolean
  /**
   * Home Assistant's discovery prefix; its birth topic is `<discoveryPrefix>/status`.
   * @default 'homeassistant'
   */
  discoveryPrefix?: string
  /**
   * Publish tracking (`traject`) posts to `<prefix>/<cameraId>/traject/event` at QoS 0. They are
   * the bulk of a camera's traffic, so they are left out unless asked for.
   * @default false
   */
  traject?: boolean
  /** Derives the `<cameraId>` topic level; must return only `[a-z0-9_-]`. */
  cameraId?: CameraIdFunction
  /**
   * Events waiting for PUBACKs at once; a post beyond it waits (its reply held) until room frees
   * up or `brokerTimeoutMs` passes.
   * @default 1000
   */
  maxPendingEvents?: number
  /**
   * Bytes (images and JSON) of the events waiting for PUBACKs; the same waiting rule applies.
   * @default 67108864 (64 MiB)
   */
  maxPendingBytes?: number
  /**
   * How long a post waits for room and for every PUBACK of its event before it is refused
   * (`503` + `Retry-After`), so the camera sends it again.
   * @default 10000
   */
  brokerTimeoutMs?: number
  /**
   * The `Retry-After` a refused post carries, in seconds.
   * @default 5
   */
  retryAfterSeconds?: number
  /**
   * Longest random delay before re-sending discovery after Home Assistant's birth message, so
   * many bridges do not answer at once.
   * @default 500
   */
  discoveryDelayMs?: number
  /**
   * Looks up a camera's device info (firmware version, model, hardware version) for its Home
   * Assistant device, e.g. with `@viewtron/camera`; posts carry none. Called once per camera,
   * in the background; a failure is reported to `onError` and leaves the fields out.
   */
  deviceInfo?: CameraDetailsLookup
  /** Receives failures that refused no post (a re-publish after reconnect, a broker error). */
  onError?: (error: Error) => void
}

/** Options with defaults filled in and checked. */
export interface ResolvedBridgeOptions {
  connection: MqttConnectionOptions
  nodeId: string
  topicPrefix: string
  homeAssistant: boolean
  discoveryPrefix: string
  traject: boolean
  cameraId: CameraIdFunction
  maxPendingEvents: number
  maxPendingBytes: number
  brokerTimeoutMs: number
  retryAfterSeconds: number
  discoveryDelayMs: number
  deviceInfo: CameraDetailsLookup | null
  onError: (error: Error) => void
}

function positive(name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer of at least ${min}, got ${String(value)}`)
  }
  return value
}

/** Checks the options; a bad one throws a `TypeError`/`RangeError` naming it. */
export function resolveBridgeOptions(options: MqttBridgeOptions): ResolvedBridgeOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('options must be an object')
  checkConnection(options)
  const nodeId = options.nodeId ?? topicSafe(hostname())
  if (typeof nodeId !== 'string' || !/^[a-z0-9_-]+$/.test(nodeId)) {
    throw new TypeError(`nodeId must be a non-empty string of [a-z0-9_-], got ${String(nodeId)}`)
  }
  for (const name of ['cameraId', 'deviceInfo', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`${name} must be a function`)
    }
  }
  return {
    connection: options,
    nodeId,
    topicPrefix: checkedPrefix('topicPrefix', options.topicPrefix ?? 'viewtron'),
    homeAssistant: options.homeAssistant === true,
    discoveryPrefix: checkedPrefix('discoveryPrefix', options.discoveryPrefix ?? 'homeassistant'),
    traject: options.traject === true,
    cameraId: options.cameraId ?? defaultCameraId,
    maxPendingEvents: positive('maxPendingEvents', options.maxPendingEvents, 1000),
    maxPendingBytes: positive('maxPendingBytes', options.maxPendingBytes, 64 * 1024 * 1024),
    brokerTimeoutMs: positive('brokerTimeoutMs', options.brokerTimeoutMs, 10_000),
    retryAfterSeconds: positive('retryAfterSeconds', options.retryAfterSeconds, 5, 0),
    discoveryDelayMs: positive('discoveryDelayMs', options.discoveryDelayMs, 500, 0),
    deviceInfo: options.deviceInfo ?? null,
    onError: options.onError ?? (() => undefined),
  }
}
