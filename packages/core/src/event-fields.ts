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
  /**
   * Which layout the post used: `'nvr'` for the envelope with a `messageType` that recorders send,
   * `'ipc'` for the camera layout without one (a camera posting directly, or through an NVR's PoE
   * ports).
   */
  source: EventSource
  /**
   * From `config/@version`: `'v2'` for 2.x, `'v1'` for anything else (1.x or no version). It is
   * independent of {@link EventCommon.source}: API 2.1 cameras send the camera layout as 2.x.
   */
  format: EventFormat
  /** `config/@version` as sent; `''` if absent. */
  configVersion: string
  /**
   * Who sent the post, as the body names it (`deviceName`, `mac`, `sn`, the NVR's `channelId`);
   * fields the post lacks are `''` or `null`. Trust {@link EventCommon.clientIp} for the address.
   */
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

/** A target in a detection's target list (v2 `targetListInfo/item`, v1 `listInfo/item`). */
export interface DetectionTarget {
  /**
   * The device's tracked-target id (`targetId`), the same id space as {@link TrajectTarget.targetId};
   * `null` when the item has none (a v1 `vsd` block).
   */
  targetId: number | null
  /** `''` when not reported. */
  targetType: TargetType
  /** The target's box (`rect`), normalised 0–10000; `null` when the item has none. */
  rect: Rect | null
}

/** Fields shared by intrusion, counting, metadata and other events. */
export interface DetectionFields {
  /**
   * The device's event id (`eventInfo/item/eventId`, v1 `perInfo`/`tripInfo`/`aoiInfo` item);
   * `null` when the post has none.
   */
  eventId: number | null
  /**
   * The tracked target that raised the event: the event item's `targetId`, else the first
   * target's. It links to {@link DetectionFields.targets} and to traject posts' target ids;
   * `null` when the post names none.
   */
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
  /** People (`…PersonCount`); `null` when the post has no such counter. */
  person: number | null
  /** Cars (`…CarCount`); `null` when the post has no such counter. */
  car: number | null
  /** Motorcycles and bicycles (`…BikeCount`); `null` when the post has no such counter. */
  motor: number | null
}

/**
 * A counting rule's cumulative counters (`enterPersonCount`, `leaveCarCount`, `existBikeCount`,
 * …): targets that entered, left, and are inside now. They run up across posts, so the latest
 * post holds the totals.
 */
export interface CountingCounts {
  /** Targets that entered the area or crossed the line in its entering direction (`enter…Count`). */
  enter: TargetCounts
  /** Targets that left the area or crossed the line the other way (`leave…Count`). */
  leave: TargetCounts
  /** Targets inside the area now (`exist…Count`). */
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
  /** Body type as sent (`carType`/`type`: `'sedan'`, `'suv'`, `'mpv'`, `'truck'`, …); `''` when absent. */
  type: string
  /** The vehicle's colour (not the plate's; see {@link LprFields.plateColor}); `''` when absent. */
  color: string
  /** Make as sent (`'GMC'`); `''` when absent. */
  brand: string
  /** Model as sent (`'GMC_SAVANA'`); `''` when absent. */
  model: string
}

/** IPC plate list types. NVR group names are free text and go to `plateGroup` only. */
export type PlateList = 'whiteList' | 'blackList' | 'temporaryList' | 'strangerList'

/** Fields only licence plate events have, read from the plate item of the post's plate list. */
export interface LprFields {
  /** Plate text; `''` when the post has none. */
  plateNumber: string
  /** IPC list type or NVR group name; `''` when the plate is not in a database. */
  plateGroup: string
  /**
   * The IPC list the plate is on (`vehicleListType`, matched case-insensitively); `null` when it
   * is on none, or for NVR posts, whose group names are free text (see {@link LprFields.plateGroup}).
   */
  plateList: PlateList | null
  /** Plate colour; `''` when absent. */
  plateColor: string
  /** `vehicleDirect`: `approach`; `away` and `leave` are both `'away'`; `null` otherwise. */
  direction: 'approach' | 'away' | null
  /** 0–100; `count="9900"` is 99. */
  confidence: number | null
  /** Owner from the NVR database; `''` when absent. */
  carOwner: string
  /** Vehicle attributes; `null` when the plate item has no `carAttribute`/`carAttr` text. */
  vehicle: VehicleInfo | null
  /** Plate box: `rect` (pixels in NVR posts), or spanned by the item's corner points (pixels). */
  plateRect: Rect | null
  /**
   * Vehicle box: NVR `carRect` (often degenerate), or the API 2.1 `carRect` written as origin and
   * size (`x`, `y`, `width`, `height`), converted to corners.
   */
  carRect: Rect | null
  /** The plate item's `targetId` (the device's tracked-target id); `null` when absent. */
  targetId: number | null
}

/** One face. Attributes are `''` where the format has none (v1). */
export interface FaceInfo {
  /** The face item's `targetId` (the device's tracked-target id); `null` when absent. */
  targetId: number | null
  /** Face box: `rect`, or spanned by the item's corner points (`leftTop`…`rightBottom`, pixels). */
  rect: Rect | null
  /** Age band as sent (`'young'`, `'youth'`, `'middleAged'`, `'elderly'`, `'unknown'`). */
  age: string
  /** `'male'`, `'female'` or `'unknown'`, as sent. */
  sex: string
  /** Whether the face wears glasses: `'yes'`, `'no'` or `'unknown'`, as sent. */
  glasses: string
  /** Whether the face wears a mask: `'yes'`, `'no'` or `'unknown'`, as sent. */
  mask: string
}

/** Fields only face events have. */
export interface FaceFields {
  /**
   * Every face in the post (NVR `faceListInfo`, v1 `listInfo`), in document order; empty when the
   * list is missing. The vendor SDK reads only the first.
   */
  faces: FaceInfo[]
  /** The first face, or `null`. */
  face: FaceInfo | null
}

/** One tracked target in a traject post. */
export interface TrajectTarget {
  /**
   * The tracked-target id: stable while the target stays in view, new on every re-entry, and the
   * same id space as events' `targetId`. There is no end message: about a second of silence for
   * an id means the target has gone. `null` when the item has none.
   */
  targetId: number | null
  /** `'person'`, `'car'`, `'motor'`, or the raw text; `''` when not reported. */
  targetType: TargetType
  /** The live box (`rect`), normalised 0–10000; `null` when the item has none. */
  rect: Rect | null
  /** `velocity` as sent (unit undocumented; observed always `0`); `null` when absent or empty. */
  velocity: number | null
  /** `direction` as sent (encoding undocumented; observed always `0`); `null` when absent or empty. */
  direction: number | null
}

/**
 * Which kind of intrusion an {@link IntrusionEvent} reports, from its detection code:
 * `'perimeter'` a zone intrusion (`PEA` with a zone, NVR `regionIntrusion`), `'tripwire'` a line
 * crossing (`PEA` with a line, NVR `lineCrossing`), `'entry'`/`'exit'` entering or leaving a zone
 * (`AOIENTRY`/`AOILEAVE`), `'loiter'` loitering (`LOITER`), `'parking'` illegal parking (`PVD`).
 */
export type IntrusionSubtype = 'perimeter' | 'tripwire' | 'entry' | 'exit' | 'loiter' | 'parking'
/**
 * How a {@link CountingEvent} counts: `'line'` targets crossing a line (`PASSLINECOUNT`, NVR
 * `targetCountingByLine`), `'area'` targets in a zone (`TRAFFIC`, NVR `targetCountingByArea`).
 */
export type CountingSubtype = 'line' | 'area'

/** JSON form of an event: every field, images summarised. */
export type EventJSON = Record<string, unknown> & {
  /** The event's category, first, so a reader can tell which fields follow. */
  category: EventCategory
  /** Every image's summary (role, size, validity, file path), never its bytes. */
  images: EventImageJSON[]
}
