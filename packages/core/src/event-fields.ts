import type { EventImage, EventImageJSON } from './event-image.js'
import type {
  DeviceInfo,
  EventCategory,
  EventFormat,
  EventSource,
  Line,
  Point,
  Rect,
  TargetType,
} from './types.js'

/** Fields every event carries. */
export interface EventCommon {
  /** `smartType` exactly as sent (`'VEHICE'`, `'vehicle'`, …); `'traject'` for tracking posts. */
  alarmType: string
  /** The vendor's description (`'License Plate Detection'`, …; `'Unknown Alarm'` if none). */
  alarmDescription: string
  source: EventSource
  format: EventFormat
  /** `config/@version` as sent; `''` if absent. */
  configVersion: string
  device: DeviceInfo
  /** The socket peer (or the `clientIp` option when parsing by hand). */
  clientIp: string
  /** Camera time; `null` when absent or implausible (use {@link EventCommon.receivedAt}). */
  time: Date | null
  /** The time text as sent. */
  rawTime: string
  /** When the post arrived. */
  receivedAt: Date
  /** Every image in document order. */
  images: EventImage[]
  /** The overview image, per the protocol's placement rules. */
  sourceImage: EventImage | null
  /** The primary crop (plate, face, target). */
  targetImage: EventImage | null
}

/** A target in a detection's target list. */
export interface DetectionTarget {
  targetId: number | null
  /** `''` when not reported. */
  targetType: TargetType
  rect: Rect | null
}

/** Fields shared by intrusion, counting, metadata and other events. */
export interface DetectionFields {
  eventId: number | null
  targetId: number | null
  /** `''` when not reported. v1 numbers 1/2/4 are mapped to person/car/motor. */
  targetType: TargetType
  /** `SMART_START`, `SMART_PROCEDURE`, `SMART_STOP`, … (v1 only); `''` when absent. */
  status: string
  /** `'area'` for a zone, `'tripwire'` for a line, `''` when neither is reported. */
  boundary: 'area' | 'tripwire' | ''
  /** Zone polygon, when the post has one. */
  region: Point[] | null
  /** Tripwire or counting line, when the post has one. */
  line: Line | null
  /** The target box. */
  rect: Rect | null
  /** Every item of the target list. */
  targets: DetectionTarget[]
}

/**
 * Cumulative counts by target class, as the device keeps them. `motor` is the device's `Bike`
 * counter (motorcycles and bicycles, the class v1 posts number 4). `null` where the post has no
 * counter for the class.
 */
export interface TargetCounts {
  person: number | null
  car: number | null
  motor: number | null
}

/**
 * A counting rule's cumulative counters (`enterPersonCount`, `leaveCarCount`, `existBikeCount`,
 * …): targets that entered, left, and are inside now. They run up across posts, so the latest
 * post holds the totals.
 */
export interface CountingCounts {
  enter: TargetCounts
  leave: TargetCounts
  exist: TargetCounts
}

/** Fields only counting events have. */
export interface CountingFields {
  /** The device's counters; `null` when the post carries none (the NVR samples, older firmware). */
  counts: CountingCounts | null
  /**
   * The counting line's crossing direction (`Direct`) exactly as sent; its encoding is
   * undocumented. `null` when the post has none.
   */
  direction: string | null
}

/** Vehicle attributes (v2 `carAttribute`, API 2.1 `carAttr`, in either layout's plate item). */
export interface VehicleInfo {
  type: string
  color: string
  brand: string
  model: string
}

/** IPC plate list types. NVR group names are free text and go to `plateGroup` only. */
export type PlateList = 'whiteList' | 'blackList' | 'temporaryList' | 'strangerList'

export interface LprFields {
  /** Plate text; `''` when the post has none. */
  plateNumber: string
  /** IPC list type or NVR group name; `''` when the plate is not in a database. */
  plateGroup: string
  plateList: PlateList | null
  /** Plate colour; `''` when absent. */
  plateColor: string
  /** `vehicleDirect`: `approach`; `away` and `leave` are both `'away'`; `null` otherwise. */
  direction: 'approach' | 'away' | null
  /** 0–100; `count="9900"` is 99. */
  confidence: number | null
  /** Owner from the NVR database; `''` when absent. */
  carOwner: string
  vehicle: VehicleInfo | null
  /** Plate box: `rect` (pixels in NVR posts), or spanned by the item's corner points (pixels). */
  plateRect: Rect | null
  /**
   * Vehicle box: NVR `carRect` (often degenerate), or the API 2.1 `carRect` written as origin and
   * size (`x`, `y`, `width`, `height`), converted to corners.
   */
  carRect: Rect | null
  targetId: number | null
}

/** One face. Attributes are `''` where the format has none (v1). */
export interface FaceInfo {
  targetId: number | null
  /** Face box: `rect`, or spanned by the item's corner points (`leftTop`…`rightBottom`, pixels). */
  rect: Rect | null
  age: string
  sex: string
  glasses: string
  mask: string
}

export interface FaceFields {
  faces: FaceInfo[]
  /** The first face, or `null`. */
  face: FaceInfo | null
}

/** One tracked target in a traject post. */
export interface TrajectTarget {
  targetId: number | null
  targetType: TargetType
  rect: Rect | null
  velocity: number | null
  direction: number | null
}

export type IntrusionSubtype = 'perimeter' | 'tripwire' | 'entry' | 'exit' | 'loiter' | 'parking'
export type CountingSubtype = 'line' | 'area'

/** JSON form of an event: every field, images summarised. */
export type EventJSON = Record<string, unknown> & {
  category: EventCategory
  images: EventImageJSON[]
}
