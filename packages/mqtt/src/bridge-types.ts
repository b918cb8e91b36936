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
  use(handlers: ViewtronHandlers): () => void
}

/** Counters of `MqttBridge.stats()`. */
export interface MqttBridgeStats {
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
  traject: { published: number; dropped: number }
  /** Alarm-status posts published. */
  alarmStatuses: number
  /** Events waiting for PUBACKs now, and their bytes. */
  pendingEvents: number
  pendingBytes: number
  /** QoS 1 messages sent and not yet acknowledged, and the most the broker allows at once. */
  inFlight: number
  maxInFlight: number
  /** Cameras seen. */
  cameras: number
  /** Failures reported to `onError`. */
  errors: number
}
