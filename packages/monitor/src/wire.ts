import type { EventCategory } from '@viewtron/core'

/** One image of an event as the page sees it: a URL to fetch, never the bytes. */
export interface WireImage {
  /** Overview (`source`) or crop (`target`). */
  role: 'source' | 'target'
  /** `null` when the image was not kept (invalid, discarded, or no longer cached). */
  url: string | null
  /** Declared width in pixels; `null` when the post gave none. */
  width: number | null
  /** Declared height in pixels; `null` when the post gave none. */
  height: number | null
  /** Decoded size in bytes. */
  bytes: number
}

/** One event, summarised for the page. */
export interface WireEvent {
  /** SSE id: `<run>.<seq>`; unique for the life of the process and never reused. */
  id: string
  /** The event's number in this run (from 1); the part of `id` after the dot. */
  seq: number
  /** The event's category. */
  category: EventCategory
  /** `smartType` as sent. */
  alarmType: string
  /** The vendor's description, with the intrusion or counting subtype where there is one. */
  description: string
  /** Device time (ISO), `null` when the post had none. */
  time: string | null
  /** When the post arrived (ISO). */
  receivedAt: string
  /** The key of the camera card this event belongs to. */
  camera: string
  /** The device name from the post; `''` when it had none. */
  cameraName: string
  /** The IP the post came from. */
  clientIp: string
  /** NVR channel; `null` for a camera posting directly. */
  channelId: number | null
  /** Plate text; `''` when not LPR or not read. */
  plate: string
  /** Plate list or group; `''` when none. */
  plateGroup: string
  /** Target type (person, car, …) for detections; `''` when none. */
  targetType: string
  /** Number of tracked targets (traject) or faces. */
  targets: number
  /** The event's images, in the post's order. */
  images: WireImage[]
}

/** One camera card: a device as identified by its posts, at the IP it posts from. */
export interface WireCamera {
  /**
   * The card's key: `<client IP>|<MAC, else serial, else name>`, plus `|<channel>` for an NVR
   * channel.
   */
  key: string
  /** The IP the device posts from. */
  clientIp: string
  /** The device name from its posts; `''` until one names it. */
  name: string
  /** The IP the device reports for itself (`''` when its posts carry none). */
  deviceIp: string
  /** MAC address from its posts; `''` when none. */
  mac: string
  /** Serial number from its posts; `''` when none. */
  sn: string
  /** `'ipc'` (camera posting directly) or `'nvr'` (a recorder's channel); `null` until known. */
  source: 'ipc' | 'nvr' | null
  /** NVR channel; `null` for a camera posting directly. */
  channelId: number | null
  /** Config version as sent (`1.7`, `2.0`, …): the device's protocol generation. */
  configVersion: string
  /** From the server's presence tracking. */
  online: boolean
  /** When the server first heard from it (ISO). */
  firstSeen: string
  /** When it was last heard from, heartbeats included (ISO). */
  lastSeen: string
  /** Events received from it since the monitor started. */
  events: number
  /** Its latest event; `null` before the first. */
  lastEvent: WireEvent | null
}

/** Counters since the monitor started. */
export interface WireCounters {
  /** When counting started: the monitor's start (ISO). */
  since: string
  /** Events counted. */
  total: number
  /** Events per category. */
  byCategory: Record<EventCategory, number>
  /** Events per camera card key. */
  byCamera: Record<string, number>
}

/** `GET /api/state`: everything the page needs to draw itself before the stream starts. */
export interface WireState {
  /**
   * This process's run id: the part of every event id before the dot; a new one means a restart.
   */
  run: string
  /** The newest event id, to resume the stream from; `''` before the first event. */
  lastEventId: string
  /** Every camera card. */
  cameras: WireCamera[]
  /** The counters. */
  counters: WireCounters
  /** Newest first, tracking left out. */
  events: WireEvent[]
  /** True when an event store is attached, so search works. */
  search: boolean
  /**
   * After how long without a post a camera is shown offline, in milliseconds; `null` when presence
   * is not tracked.
   */
  offlineAfterMs: number | null
}

/** `cameras` stream message: the cards that changed, and the counters. */
export interface WireCamerasUpdate {
  /** The cards that changed. */
  cameras: WireCamera[]
  /** Keys of cards that no longer exist (an anonymous card replaced by the identified one). */
  removed: string[]
  /** The counters after the change. */
  counters: WireCounters
}

/** One search result row. */
export interface WireSearchRow {
  /** The store's id of the event, as text. */
  id: string
  /** The event's category. */
  category: string
  /** When the post arrived (ISO). */
  receivedAt: string
  /** Device time (ISO), `null` when the post had none. */
  time: string | null
  /** The device name from the post; `''` when it had none. */
  cameraName: string
  /** The IP the post came from. */
  clientIp: string
  /** Plate text; `''` when not LPR or not read. */
  plate: string
  /** Plate list or group; `''` when none. */
  plateGroup: string
  /** How the row matched a plate search (`exact`, `confusion`, `prefix`, `near`, …). */
  match: string | null
  /** The vendor's description of the event. */
  description: string
  /** The event's stored images, as URLs served by the monitor. */
  images: WireImage[]
}

/** `GET /api/search`: one page of results. */
export interface WireSearchPage {
  /** The rows of this page, newest first (in a plate search, best match first). */
  rows: WireSearchRow[]
  /** The page number, from 0. */
  page: number
  /** Rows per page. */
  pageSize: number
  /** `true` when another page follows. */
  more: boolean
}
