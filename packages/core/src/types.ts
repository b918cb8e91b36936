import type { ViewtronEvent } from './event.js'

/** A point in the device's coordinate space (normalised 0–10000 unless stated). */
export interface Point {
  /** Horizontal position, from the left edge. */
  x: number
  /** Vertical position, from the top edge. */
  y: number
}

/** A box from `(x1, y1)` to `(x2, y2)`. Degenerate boxes (all zeros) are passed through as sent. */
export interface Rect {
  /** Left edge. */
  x1: number
  /** Top edge. */
  y1: number
  /** Right edge. */
  x2: number
  /** Bottom edge. */
  y2: number
}

/**
 * A tripwire or counting line. A counting post's crossing direction is `CountingEvent.direction`.
 */
export interface Line {
  /** Where the line starts; crossing directions are told relative to start → end. */
  start: Point
  /** Where the line ends. */
  end: Point
}

/** Who sent the post, as far as the body says. Absent strings are `''`. */
export interface DeviceInfo {
  /** Device name (`deviceName`, `DeviceName`). */
  name: string
  /** The IP the device reports for itself; `''` in v1 event posts, which carry none. */
  ip: string
  /** MAC address exactly as sent (mixed case, `:` or `-`); see {@link normalizeMac}. */
  mac: string
  /** Serial number (`sn`, `SN`). */
  sn: string
  /** NVR channel (1-based camera number on the recorder); `null` for cameras and keepalives. */
  channelId: number | null
}

/** Every event category, in the order summaries list them. */
export const EVENT_CATEGORIES = [
  'lpr',
  'face',
  'intrusion',
  'counting',
  'metadata',
  'traject',
  'other',
] as const

/** Event categories. `other` is a documented code the vendor SDK leaves unmapped. */
export type EventCategory = (typeof EVENT_CATEGORIES)[number]

/** `ipc`: a camera posting directly (v1 layout); `nvr`: the v2 envelope an NVR sends. */
export type EventSource = 'ipc' | 'nvr'

/** `v1` for config versions 1.x (or none), `v2` for 2.x. */
export type EventFormat = 'v1' | 'v2'

/** Target classes; other values are passed through as the raw text, and `''` means not reported. */
export type TargetType = 'person' | 'car' | 'motor' | (string & {})

/** Why a body did not become an event, keepalive or alarm status. */
export type UnparsedReason =
  | 'not-xml'
  | 'parse-error'
  | 'unknown-smartType'
  | 'no-messageType'
  | 'too-large'
  | 'limit'

/** Where decoded images go. */
export type ImageMode =
  | 'memory'
  | 'discard'
  | {
      /** The directory each image is streamed to, as its own file; it must exist. */
      dir: string
    }

/** Structural limits that keep a hostile body from growing memory or time without bound. */
export interface ParseLimits {
  /**
   * Longest non-image text, CDATA section, tag or processing instruction, and the longest text
   * kept for one element, in UTF-16 code units or bytes (whichever is met first).
   * @default 262144 (256 KiB)
   */
  maxTextBytes?: number
  /**
   * Most child elements under one element (a list's items).
   * @default 10000
   */
  maxListItems?: number
  /**
   * Deepest element nesting.
   * @default 64
   */
  maxDepth?: number
  /**
   * Most elements in one body.
   * @default 50000 (real posts have fewer than 1,000)
   */
  maxElements?: number
  /**
   * Largest decoded image, in bytes.
   * @default 33554432 (32 MiB)
   */
  maxImageBytes?: number
}

/** Options for {@link parseEvent} and {@link parseEventStream}. */
export interface ParseOptions extends ParseLimits {
  /**
   * What to do with decoded images: keep them in memory, count and discard them, or stream each
   * to its own file in a directory.
   * @default 'memory'
   */
  images?: ImageMode
  /**
   * Largest body, in bytes; a larger one resolves as `unparsed` `'too-large'`.
   * @default 67108864 (64 MiB)
   */
  maxBodyBytes?: number
  /** The socket peer, copied to `event.clientIp`. @default '' */
  clientIp?: string
  /** Receive time to stamp on the result. @default new Date() when parsing starts */
  receivedAt?: Date
  /** Stop parsing when aborted; resolves `unparsed` `'parse-error'` and removes written files. */
  signal?: AbortSignal
}

/**
 * Which heartbeat shape arrived: `'empty'` (a zero-byte or whitespace body), `'deviceInfo'` (a
 * `DeviceInfo` root), `'messageType'` (the NVR's v2 `keepalive`), or `'alarmServer'` (the legacy
 * alarm server's `config` holding only `dataTime` and `deviceInfo`, with the camera's identity).
 */
export type KeepaliveForm = 'empty' | 'deviceInfo' | 'messageType' | 'alarmServer'

/** A heartbeat: the device is alive. It must be answered like any post. */
export interface Keepalive {
  /** Which heartbeat shape arrived. */
  form: KeepaliveForm
  /** A camera posting directly (`ipc`) or an NVR (`nvr`). */
  source: EventSource
  /** The post's layout: `v1` for config versions 1.x (or none), `v2` for 2.x. */
  format: EventFormat
  /** `config/@version` as sent; `''` if absent (always for `'empty'`). */
  configVersion: string
  /** The device, as far as the heartbeat says (all `''` for `'empty'`). */
  device: DeviceInfo
  /** The socket peer (or the `clientIp` option when parsing by hand). */
  clientIp: string
  /** When the post arrived. */
  receivedAt: Date
}

/** One alarm source's state in an alarm-status post. */
export interface AlarmState {
  /** The alarm element name exactly as sent (`perimeterAlarm`, `VFDAlarm`, `vfdAlarm`, …). */
  name: string
  /** `true` when the alarm started, `false` when it cleared, `null` for any other text. */
  active: boolean | null
  /** The text as sent (`'true'`, `'false'`). */
  value: string
  /** The rule (NVR) or channel/rule (IPC) number from the `id` attribute, raw; `null` if absent. */
  id: string | null
}

/** An alarm on/off notification (`alarmStatusInfo`). Never delivered as an event. */
export interface AlarmStatus {
  /** A camera posting directly (`ipc`) or an NVR (`nvr`). */
  source: EventSource
  /** The post's layout: `v1` for config versions 1.x (or none), `v2` for 2.x. */
  format: EventFormat
  /** `config/@version` as sent; `''` if absent. */
  configVersion: string
  /** The device that sent the post. */
  device: DeviceInfo
  /** Every alarm state in the post, in document order. */
  alarms: AlarmState[]
  /**
   * `currentTime` (v2) or `dataTime` (v1, read as local time); `null` when absent or implausible.
   */
  time: Date | null
  /** The time text as sent. */
  rawTime: string
  /** The socket peer (or the `clientIp` option when parsing by hand). */
  clientIp: string
  /** When the post arrived. */
  receivedAt: Date
}

/** The outcome of parsing one body. Parsing never throws for bad input. */
export type ParseResult =
  | {
      /** The body was an event. */
      kind: 'event'
      /** The event; narrow on its `category`. */
      event: ViewtronEvent
    }
  | {
      /** The body was a heartbeat. */
      kind: 'keepalive'
      /** The device, as {@link Keepalive.device}. */
      device: DeviceInfo
      /** The heartbeat. */
      keepalive: Keepalive
    }
  | {
      /** The body was an alarm on/off notification. */
      kind: 'alarmStatus'
      /** The alarm states it carried. */
      status: AlarmStatus
    }
  | {
      /** The body was none of the above. */
      kind: 'unparsed'
      /** Why, as a stable code to match on. */
      reason: UnparsedReason
      /** What exactly was wrong, for a log line. */
      detail: string
      /** Body bytes read, up to where parsing stopped. */
      bytes: number
    }
