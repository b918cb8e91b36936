import type {
  CountingCounts,
  CountingFields,
  CountingSubtype,
  DetectionFields,
  DetectionTarget,
  EventCommon,
  EventJSON,
  FaceFields,
  FaceInfo,
  IntrusionSubtype,
  LprFields,
  PlateList,
  TrajectTarget,
  VehicleInfo,
} from './event-fields.js'
import type { EventImage } from './event-image.js'
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

/** The shared behaviour of every event class. */
abstract class EventBase implements EventCommon {
  abstract readonly category: EventCategory
  declare readonly alarmType: string
  declare readonly alarmDescription: string
  declare readonly source: EventSource
  declare readonly format: EventFormat
  declare readonly configVersion: string
  declare readonly device: DeviceInfo
  declare readonly clientIp: string
  declare readonly time: Date | null
  declare readonly rawTime: string
  declare readonly receivedAt: Date
  declare readonly images: EventImage[]
  declare readonly sourceImage: EventImage | null
  declare readonly targetImage: EventImage | null

  constructor(init: EventCommon) {
    Object.assign(this, init)
  }

  /** Seed parity: the `smartType` as sent. */
  getAlarmType(): string {
    return this.alarmType
  }

  /** Seed parity: the vendor description. */
  getAlarmDescription(): string {
    return this.alarmDescription
  }

  /** Seed parity: the plate text; `''` when not LPR. */
  getPlateNumber(): string {
    return ''
  }

  /** Seed parity: the plate list or group; `''` when not LPR. */
  getPlateGroup(): string {
    return ''
  }

  /** Seed parity: the overview JPEG bytes, or `null`. */
  getSourceImageBytes(): Buffer | null {
    return this.sourceImage?.bytes() ?? null
  }

  /** Seed parity: the crop JPEG bytes, or `null`. */
  getTargetImageBytes(): Buffer | null {
    return this.targetImage?.bytes() ?? null
  }

  /** Every field, images summarised (never their bytes). */
  toJSON(): EventJSON {
    const out: Record<string, unknown> = { category: this.category }
    for (const [key, value] of Object.entries(this)) out[key] = value
    out.images = this.images.map((image) => image.toJSON())
    out.sourceImage = this.sourceImage?.toJSON() ?? null
    out.targetImage = this.targetImage?.toJSON() ?? null
    return out as EventJSON
  }
}

/** Licence plate recognition (`VEHICE`/`VEHICLE`, NVR `vehicle`). */
export class LprEvent extends EventBase implements LprFields {
  /** Always `'lpr'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'lpr' as const
  declare readonly plateNumber: string
  declare readonly plateGroup: string
  declare readonly plateList: PlateList | null
  declare readonly plateColor: string
  declare readonly direction: 'approach' | 'away' | null
  declare readonly confidence: number | null
  declare readonly carOwner: string
  declare readonly vehicle: VehicleInfo | null
  declare readonly plateRect: Rect | null
  declare readonly carRect: Rect | null
  declare readonly targetId: number | null

  constructor(init: EventCommon & LprFields) {
    super(init)
  }

  override getPlateNumber(): string {
    return this.plateNumber
  }

  override getPlateGroup(): string {
    return this.plateGroup
  }
}

/** Face detection (`VFD`, `VFD_MATCH`, NVR `videoFaceDetect`). */
export class FaceEvent extends EventBase implements FaceFields {
  /** Always `'face'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'face' as const
  declare readonly faces: FaceInfo[]
  declare readonly face: FaceInfo | null

  constructor(init: EventCommon & FaceFields) {
    super(init)
  }
}

abstract class DetectionEvent extends EventBase implements DetectionFields {
  declare readonly eventId: number | null
  declare readonly targetId: number | null
  declare readonly targetType: TargetType
  declare readonly status: string
  declare readonly boundary: 'area' | 'tripwire' | ''
  declare readonly region: Point[] | null
  declare readonly line: Line | null
  declare readonly rect: Rect | null
  declare readonly targets: DetectionTarget[]
}

/** Perimeter, tripwire, zone entry/exit, loitering and parking detections. */
export class IntrusionEvent extends DetectionEvent {
  /** Always `'intrusion'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'intrusion' as const
  /** Which kind of intrusion, from the detection code (see {@link IntrusionSubtype}). */
  declare readonly subtype: IntrusionSubtype

  constructor(init: EventCommon & DetectionFields & { subtype: IntrusionSubtype }) {
    super(init)
  }
}

/** Counting by line or by area, with the device's cumulative counters when the post has them. */
export class CountingEvent extends DetectionEvent implements CountingFields {
  /** Always `'counting'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'counting' as const
  /** Counting by line or by area, from the detection code (see {@link CountingSubtype}). */
  declare readonly subtype: CountingSubtype
  declare readonly counts: CountingCounts | null
  declare readonly direction: string | null

  /** `counts` and `direction` default to `null`, so events built by hand may leave them out. */
  constructor(
    init: EventCommon & DetectionFields & Partial<CountingFields> & { subtype: CountingSubtype },
  ) {
    super(init)
    this.counts ??= null
    this.direction ??= null
  }
}

/** Video metadata (whole-frame detection: `VSD`, NVR `videoMetadata`). */
export class MetadataEvent extends DetectionEvent {
  /** Always `'metadata'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'metadata' as const

  constructor(init: EventCommon & DetectionFields) {
    super(init)
  }
}

/** A documented code the vendor SDK leaves unmapped (MOTION, SENSOR, AVD, …): delivered, not dropped. */
export class OtherEvent extends DetectionEvent {
  /** Always `'other'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'other' as const

  constructor(init: EventCommon & DetectionFields) {
    super(init)
  }
}

/** Real-time tracking (`traject`): one post per frame burst, no images. */
export class TrajectEvent extends EventBase {
  /** Always `'traject'`: narrows a {@link ViewtronEvent} to this class. */
  readonly category = 'traject' as const
  /** Every target tracked in this post (`traject/item`), in document order; may be empty. */
  declare readonly targets: TrajectTarget[]

  constructor(init: EventCommon & { targets: TrajectTarget[] }) {
    super(init)
  }
}

/** Every event the parser produces; narrow it on `category`. */
export type ViewtronEvent =
  | LprEvent
  | FaceEvent
  | IntrusionEvent
  | CountingEvent
  | MetadataEvent
  | TrajectEvent
  | OtherEvent

/** The event type for one category: `EventOf<'lpr'>` is {@link LprEvent}. */
export type EventOf<C extends EventCategory> = Extract<
  ViewtronEvent,
  {
    /** The category that selects the event class. */
    category: C
  }
>
