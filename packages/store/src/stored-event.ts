import type { EventCategory, EventJSON, ImageRole, Point } from '@viewtron/core'

/** One image file of a stored event. */
export interface StoredImageFile {
  role: ImageRole
  /** Absolute path of the JPEG, complete and fsynced before its row was committed. */
  path: string
  /** File size in bytes. */
  bytes: number
  width: number | null
  height: number | null
}

/** Who sent a stored event. */
export interface StoredCamera {
  /** Device name as sent; `''` when the post had none. */
  name: string
  /** MAC normalised (`58:5b:69:3c:11:a0`); `''` when the post had none. */
  mac: string
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
  category: EventCategory
  /** `smartType` as sent. */
  alarmType: string
  alarmDescription: string
  /** When the post arrived: the time `since`, `until` and retention use. */
  receivedAt: Date
  /** The device's own time; `null` when the post had none or it was implausible. */
  deviceTime: Date | null
  camera: StoredCamera
  /** Plate as read; `null` when the event is not LPR or had no plate. */
  plate: string | null
  /** Plate group or list; `''` when none. */
  plateGroup: string
  plateList: string | null
  direction: string | null
  confidence: number | null
  /** Target type of the detection; `null` when the category has none. */
  targetType: string | null
  /** Zone polygon or line points, when the post had one. */
  region: Point[] | null
  /** Targets (or faces) the event listed. */
  targetCount: number
  images: StoredImageFile[]
  /** The event's full `toJSON()` as received. */
  event: EventJSON
  /** With a `plate` search: how this row matched. */
  match?: PlateMatch
}

/** One alarm on/off state change. */
export interface StoredAlarmStatus {
  id: number
  receivedAt: Date
  deviceTime: Date | null
  clientIp: string
  deviceName: string
  deviceMac: string
  /** Alarm element name (`perimeterAlarm`, …). */
  name: string
  active: boolean | null
  value: string
  ruleId: string | null
}

/** A camera going online or offline. */
export interface StoredPresence {
  id: number
  at: Date
  clientIp: string
  deviceName: string
  deviceMac: string
  online: boolean
}
