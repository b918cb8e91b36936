import type { Line, Point, Rect } from './shapes.js'

// These mirror the parser's result types in @viewtron/core (event.ts, types.ts) field for field,
// so an expectation can be compared with `toMatchObject` after mapping `Date` to ISO strings.
// They are restated here because core depends on this package, not the other way round.

/** Expected `event.device` / `keepalive.device`; absent strings are `''`. */
export interface ExpectedDevice {
  name: string
  ip: string
  mac: string
  sn: string
  channelId: number | null
}

/** Expected summary of one `EventImage` (compare with `image.toJSON()`). */
export interface ExpectedImage {
  role: 'source' | 'target'
  /** `null` when absent or zero (core: "null when absent or zero"). */
  width: number | null
  height: number | null
  /** The `…Base64Length` value as sent. */
  declaredLength: number | null
  /** Exact decoded JPEG size for real images; 0 for placeholders (no decoded bytes, §5.6). */
  byteLength: number
  valid: boolean
}

/** Fields every expected event has. */
export interface ExpectedEventCommon {
  kind: 'event'
  alarmType: string
  /** Byte-exact vendor description (protocol §3). */
  alarmDescription: string
  source: 'ipc' | 'nvr'
  format: 'v1' | 'v2'
  configVersion: string
  device: ExpectedDevice
  /** `event.time?.toISOString() ?? null`. */
  time: string | null
  rawTime: string
  /** `event.images.length`. */
  imageCount: number
  /** How many of `event.images` are `valid`. */
  validImageCount: number
  sourceImage: ExpectedImage | null
  targetImage: ExpectedImage | null
}

/** Expected `LprFields`. */
export interface ExpectedLpr {
  category: 'lpr'
  plateNumber: string
  plateGroup: string
  plateList: 'whiteList' | 'blackList' | 'temporaryList' | 'strangerList' | null
  plateColor: string
  direction: 'approach' | 'away' | null
  confidence: number | null
  carOwner: string
  vehicle: { type: string; color: string; brand: string; model: string } | null
  plateRect: Rect | null
  carRect: Rect | null
  targetId: number | null
}

/** Expected `FaceInfo`; attributes are `''` in v1. */
export interface ExpectedFace {
  targetId: number | null
  rect: Rect | null
  age: string
  sex: string
  glasses: string
  mask: string
}

/** Expected `DetectionFields` (without `targets`, whose per-item rects the protocol leaves open). */
export interface ExpectedDetection {
  eventId: number | null
  targetId: number | null
  targetType: string
  status: string
  boundary: 'area' | 'tripwire' | ''
  region: Point[] | null
  line: Line | null
  rect: Rect | null
}

/** Expected counters of one phase, by target class (`motor` is the device's `Bike`). */
export interface ExpectedTargetCounts {
  person: number | null
  car: number | null
  motor: number | null
}

/** Expected `CountingEvent.counts`. */
export interface ExpectedCounts {
  enter: ExpectedTargetCounts
  leave: ExpectedTargetCounts
  exist: ExpectedTargetCounts
}

/** Expected `TrajectTarget`. */
export interface ExpectedTrajectTarget {
  targetId: number | null
  targetType: string
  rect: Rect | null
  velocity: number | null
  direction: number | null
}

/** An expected event, narrowed on `category` like the parser's `ViewtronEvent`. */
export type ExpectedEvent = ExpectedEventCommon &
  (
    | ExpectedLpr
    | { category: 'face'; faces: ExpectedFace[] }
    | ({
        category: 'intrusion'
        subtype: 'perimeter' | 'tripwire' | 'entry' | 'exit' | 'loiter' | 'parking'
      } & ExpectedDetection)
    | ({
        category: 'counting'
        subtype: 'line' | 'area'
        /** Checked only where given (the older counting fixtures leave it out). */
        counts?: ExpectedCounts | null
        direction?: string | null
      } & ExpectedDetection)
    | ({ category: 'metadata' } & ExpectedDetection)
    | ({ category: 'other' } & ExpectedDetection)
    | { category: 'traject'; targets: ExpectedTrajectTarget[] }
  )

/** An expected heartbeat (`{ kind: 'keepalive', keepalive }`). */
export interface ExpectedKeepalive {
  kind: 'keepalive'
  form: 'empty' | 'deviceInfo' | 'messageType' | 'alarmServer'
  source: 'ipc' | 'nvr'
  format: 'v1' | 'v2'
  configVersion: string
  device: ExpectedDevice
}

/** An expected alarm-status result (`{ kind: 'alarmStatus', status }`). */
export interface ExpectedAlarmStatus {
  kind: 'alarmStatus'
  source: 'ipc' | 'nvr'
  format: 'v1' | 'v2'
  configVersion: string
  device: ExpectedDevice
  alarms: { name: string; active: boolean | null; value: string; id: string | null }[]
  /** ISO string; `dataTime` is read as local time, so this one depends on the machine's zone. */
  time: string | null
  rawTime: string
}

/** An expected `unparsed` result. */
export interface ExpectedUnparsed {
  kind: 'unparsed'
  reason: 'not-xml' | 'parse-error' | 'unknown-smartType' | 'no-messageType' | 'too-large' | 'limit'
}

/** What parsing a fixture should give. */
export type Expectation = ExpectedEvent | ExpectedKeepalive | ExpectedAlarmStatus | ExpectedUnparsed
