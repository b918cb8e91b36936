import type { EventCategory, ImageRole } from '@viewtron/core'

/** A search of an event store, as the monitor asks it. */
export interface MonitorSearchQuery {
  /** Plate text or part of it; the store adds near matches (OCR confusions, one edit). */
  plate?: string
  /** Only events of this category. */
  category?: EventCategory
  /** Device name, MAC, serial number or client IP. */
  camera?: string
  /** Received at or after this time. */
  since?: Date
  /** Received before this time. */
  until?: Date
  /** Most rows to yield. */
  limit?: number
}

/** The fields of a stored event the monitor shows (`@viewtron/store`'s `StoredEvent`). */
export interface MonitorStoredEvent {
  /** The store's id of the event. */
  id: number
  /** The event's category. */
  category: EventCategory
  /** The vendor's description of the event. */
  alarmDescription: string
  /** When the post arrived. */
  receivedAt: Date
  /** The device's own time; `null` when the post had none. */
  deviceTime: Date | null
  /** Who sent the event. */
  camera: {
    /** Device name; `''` when the post had none. */
    name: string
    /** The IP the post came from. */
    clientIp: string
    /** NVR channel; `null` for a camera posting directly. */
    channelId: number | null
  }
  /** Plate as read; `null` when not LPR or not read. */
  plate: string | null
  /** Plate list or group; `''` when none. */
  plateGroup: string
  /** The event's image files, served to the page from their paths. */
  images: {
    /** Overview (`source`) or crop (`target`). */
    role: ImageRole
    /** Absolute path of the JPEG. */
    path: string
    /** File size in bytes. */
    bytes: number
    /** Width in pixels; `null` when unknown. */
    width: number | null
    /** Height in pixels; `null` when unknown. */
    height: number | null
  }[]
  /** How the row matched a plate search (`exact`, `near`, …). */
  match?: string
}

/**
 * What the monitor needs of an event store (`@viewtron/store`'s `EventStore` fits): rows found
 * by plate (with near matches), category, camera and receive time, and one row with the paths of
 * its images.
 */
export interface MonitorStore {
  /** The events matching `query`: newest first, or best plate match first in a plate search. */
  find(query: MonitorSearchQuery): AsyncIterable<MonitorStoredEvent>
  /** One event by its id; `null` when the store no longer holds it. */
  get(id: number): Promise<MonitorStoredEvent | null>
}
