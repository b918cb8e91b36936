import type { EventCategory, ImageRole } from '@viewtron/core'

/** A search of an event store, as the monitor asks it. */
export interface MonitorSearchQuery {
  /** Plate text or part of it; the store adds near matches (OCR confusions, one edit). */
  plate?: string
  category?: EventCategory
  /** Device name, MAC, serial number or client IP. */
  camera?: string
  since?: Date
  until?: Date
  limit?: number
}

/** The fields of a stored event the monitor shows (`@viewtron/store`'s `StoredEvent`). */
export interface MonitorStoredEvent {
  id: number
  category: EventCategory
  alarmDescription: string
  receivedAt: Date
  deviceTime: Date | null
  camera: { name: string; clientIp: string; channelId: number | null }
  plate: string | null
  plateGroup: string
  images: {
    role: ImageRole
    path: string
    bytes: number
    width: number | null
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
  find(query: MonitorSearchQuery): AsyncIterable<MonitorStoredEvent>
  get(id: number): Promise<MonitorStoredEvent | null>
}
