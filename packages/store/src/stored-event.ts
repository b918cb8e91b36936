import type { EventCategory, EventJSON, ImageRole, Point } from '@viewtron/core'

/** One image file of a stored event. */
export interface StoredImageFile {
  /** Overview (`source`) or crop (`target`). */
  role: ImageRole
  /** Absolute path of the JPEG, complete and fsynced before its row was committed. */
  path: string
  /** File size in bytes. */
  bytes: number
  /** Declared width in pixels; `null` when the post gave none. */
  width: number | null
  /** Declared height in pixels; `null` when the post gave none. */
  height: number | null
}

/** Who sent a stored event. */
export interface StoredCamera {
  /** Device name as sent; `''` when the post had none. */
  name: string
  /** MAC normalised (`58:5b:69:3c:11:a0`); `''` when the post had none. */
  mac: string
  /** Serial number as sent; `''` when the post had none. */
  sn: string
  /** The IP the device reported for itself; `''` when none. */
  ip: string
  /** NVR channel; `null` for a camera posting directly. */
  channelId: number | null
  /** The socket peer the post came from. */
  clientIp: string
}

/** How a row matched a plate search, best first. */
export type PlateMatch = 'exact' | 'confusion' | 'prefix' | 'substring' | 'near'

/** One event as the store keeps it: the fields questions are asked about, plus its full JSON. */
export interface StoredEvent {
  /** The store's id (increasing in commit order); pass it to `store.get(id)`. */
  id: number
  /** The event's category. */
  category: EventCategory
  /** `smartType` as sent. */
  alarmType: string
  /** The vendor's description (`'License Plate Detection'`, …). */
  alarmDescription: string
  /** When the post arrived: the time `since`, `until` and retention use. */
  receivedAt: Date
  /** The device's own time; `null` when the post had none or it was implausible. */
  deviceTime: Date | null
  /** Who sent the event. */
  camera: StoredCamera
  /** Plate as read; `null` when the event is not LPR or had no plate. */
  plate: string | null
  /** Plate group or list; `''` when none. */
  plateGroup: string
  /**
   * LPR only: the IPC list the plate is on (`whiteList`, `blackList`, `temporaryList`,
   * `strangerList`); `null` otherwise.
   */
  plateList: string | null
  /** LPR only: `approach` or `away`; `null` otherwise or when the camera did not say. */
  direction: string | null
  /** LPR only: the plate reading's confidence, 0–100; `null` otherwise. */
  confidence: number | null
  /** Target type of the detection; `null` when the category has none. */
  targetType: string | null
  /** Zone polygon or line points, when the post had one. */
  region: Point[] | null
  /** Targets (or faces) the event listed. */
  targetCount: number
  /** The event's image files, in the post's order; empty when the store keeps no images. */
  images: StoredImageFile[]
  /** The event's full `toJSON()` as received. */
  event: EventJSON
  /** With a `plate` search: how this row matched. */
  match?: PlateMatch
}

/** One alarm on/off state change. */
export interface StoredAlarmStatus {
  /** The store's id (increasing in commit order). */
  id: number
  /** When the post arrived. */
  receivedAt: Date
  /** The device's own time; `null` when the post had none or it was implausible. */
  deviceTime: Date | null
  /** The socket peer the post came from. */
  clientIp: string
  /** Device name as sent; `''` when none. */
  deviceName: string
  /** MAC normalised (`58:5b:69:3c:11:a0`); `''` when none. */
  deviceMac: string
  /** Alarm element name (`perimeterAlarm`, …). */
  name: string
  /** `true` when the alarm started, `false` when it cleared, `null` for any other text. */
  active: boolean | null
  /** The state text as sent (`'true'`, `'false'`). */
  value: string
  /** The rule (NVR) or channel/rule (IPC) number as sent; `null` if absent. */
  ruleId: string | null
}

/** A camera going online or offline. */
export interface StoredPresence {
  /** The store's id (increasing in commit order). */
  id: number
  /**
   * When the server reported the change: on a camera's first post, or once it was silent past the
   * server's offline bound.
   */
  at: Date
  /** The IP the camera posts from. */
  clientIp: string
  /** Device name from its posts; `''` when none. */
  deviceName: string
  /** MAC normalised; `''` when none. */
  deviceMac: string
  /** `true` when it came online, `false` when it went offline. */
  online: boolean
}
