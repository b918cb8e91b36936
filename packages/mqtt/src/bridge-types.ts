import type { AlarmStatus, CameraInfo, ViewtronEvent, ViewtronHandlers } from '@viewtron/core'

/**
 * The server callbacks the bridge provides: hand them to `server.use()` (what
 * `MqttBridge.attach` does) or spread them into the `ViewtronServer` options.
 */
export interface MqttBridgeHandlers {
  /** Publishes the event; resolves once the broker acknowledged every message of it. */
  onEvent: (event: ViewtronEvent, clientIp: string) => Promise<void>
  /** Publishes `ON` / `OFF` per alarm; resolves once acknowledged. */
  onAlarmStatus: (status: AlarmStatus, clientIp: string) => Promise<void>
  /** Publishes the camera's availability. */
  onPresence: (camera: CameraInfo, online: boolean) => void
}

/** Anything the bridge can attach to: a `ViewtronServer`. */
export interface HandlerHost {
  /** Adds sink callbacks to the server; returns the function that removes them. */
  use(handlers: ViewtronHandlers): () => void
}

/** Counters of `MqttBridge.stats()`. */
export interface MqttBridgeStats {
  /** This bridge's node id (its status topic is `<prefix>/bridge/<nodeId>/status`). */
  nodeId: string
  /** Connected to the broker now. */
  connected: boolean
  /** Connections made after the first. */
  reconnects: number
  /** Events every message of which the broker acknowledged. */
  published: number
  /** Posts refused (`RefusePost`) because the broker did not take them in time or refused them. */
  refused: number
  /** Traject events published at QoS 0, and those dropped while disconnected. */
  traject: {
    /** Traject events handed to the broker at QoS 0. */
    published: number
    /** Traject events dropped because the broker was not connected. */
    dropped: number
  }
  /** Alarm-status posts published. */
  alarmStatuses: number
  /** Events waiting for PUBACKs now (bounded by `maxPendingEvents`). */
  pendingEvents: number
  /** The bytes of those events' messages (bounded by `maxPendingBytes`). */
  pendingBytes: number
  /** QoS 1 messages sent and not yet acknowledged. */
  inFlight: number
  /** The most QoS 1 messages the broker takes unacknowledged at once (its Receive Maximum). */
  maxInFlight: number
  /** Cameras seen. */
  cameras: number
  /** Failures reported to `onError`. */
  errors: number
}
