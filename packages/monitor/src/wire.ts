import type { EventCategory } from '@viewtron/core'

/** One image of an event as the page sees it: a URL to fetch, never the bytes. */
export interface WireImage {
  role: 'source' | 'target'
  /** `null` when the image was not kept (invalid, discarded, or no longer cached). */
  url: string | null
  width: number | null
  height: number | null
  bytes: number
}

/** One event, summarised for the page. */
export interface WireEvent {
  /** SSE id: `<run>.<seq>`; unique for the life of the process and never reused. */
  id: string
  seq: number
  category: EventCategory
  alarmType: string
  /** The vendor's description, with the intrusion or counting subtype where there is one. */
  description: string
  /** Device time (ISO), `null` when the post had none. */
  time: string | null
  receivedAt: string
  /** The key of the camera card this event belongs to. */
  camera: string
  cameraName: string
  clientIp: string
  channelId: number | null
  /** Plate text; `''` when not LPR or not read. */
  plate: string
  plateGroup: string
  /** Target type (person, car, …) for detections; `''` when none. */
  targetType: string
  /** Number of tracked targets (traject) or faces. */
  targets: number
  images: WireImage[]
}

/** One camera card: a device as identified by its posts, at the IP it posts from. */
export interface WireCamera {
  key: string
  clientIp: string
  name: string
  /** The IP the device reports for itself (`''` when its posts carry none). */
  deviceIp: string
  mac: string
  sn: string
  /** `'ipc'` (camera posting directly) or `'nvr'` (a recorder's channel); `null` until known. */
  source: 'ipc' | 'nvr' | null
  channelId: number | null
  /** Config version as sent (`1.7`, `2.0`, …): the device's protocol generation. */
  configVersion: string
  /** From the server's presence tracking. */
  online: boolean
  firstSeen: string
  lastSeen: string
  events: number
  lastEvent: WireEvent | null
}

/** Counters since the monitor started. */
export interface WireCounters {
  since: string
  total: number
  byCategory: Record<EventCategory, number>
  /** Events per camera card key. */
  byCamera: Record<string, number>
}

/** `GET /api/state`: everything the page needs to draw itself before the stream starts. */
export interface WireState {
  run: string
  /** The newest event id, to resume the stream from; `''` before the first event. */
  lastEventId: string
  cameras: WireCamera[]
  counters: WireCounters
  /** Newest first, tracking left out. */
  events: WireEvent[]
  /** True when an event store is attached, so search works. */
  search: boolean
  offlineAfterMs: number | null
}

/** `cameras` stream message: the cards that changed, and the counters. */
export interface WireCamerasUpdate {
  cameras: WireCamera[]
  /** Keys of cards that no longer exist (an anonymous card replaced by the identified one). */
  removed: string[]
  counters: WireCounters
}

/** One search result row. */
export interface WireSearchRow {
  id: string
  category: string
  receivedAt: string
  time: string | null
  cameraName: string
  clientIp: string
  plate: string
  plateGroup: string
  /** How the row matched a plate search (`exact`, `confusion`, `prefix`, `near`, …). */
  match: string | null
  description: string
  images: WireImage[]
}

/** `GET /api/search`: one page of results. */
export interface WireSearchPage {
  rows: WireSearchRow[]
  page: number
  pageSize: number
  more: boolean
}
