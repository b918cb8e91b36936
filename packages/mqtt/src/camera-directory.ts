import type { DeviceInfo, EventCategory } from '@viewtron/core'
import type { CameraIdentity, DiscoveryConfig } from './ha-discovery.js'

/** What the bridge remembers of one camera, to publish again after a reconnect. */
export interface CameraRecord extends CameraIdentity {
  /** `online` / `offline` last published (or to publish) on its availability topic. */
  availability: 'online' | 'offline'
  /** The broker acknowledged an availability message for it. */
  announced: boolean
  /** The last event JSON per category, for the retained `state` topics. */
  readonly states: Map<EventCategory, Buffer>
  /** The last `ON` / `OFF` per alarm key. */
  readonly alarms: Map<string, 'ON' | 'OFF'>
  /** Discovery configs sent (or to send) for it, by topic. */
  readonly discovery: Map<string, DiscoveryConfig>
  /** Deliveries in flight per category: each carries a newer `state` than `states` holds. */
  readonly delivering: Map<EventCategory, number>
  /** Categories whose `state` a reconnect did not re-send because a delivery was in flight. */
  readonly unsentStates: Set<EventCategory>
  /** A details lookup was started for it. */
  detailsAsked: boolean
}

/** The cameras the bridge has seen, by camera id and by the client IP their posts came from. */
export class CameraDirectory {
  readonly #cameras = new Map<string, CameraRecord>()
  readonly #byIp = new Map<string, Set<string>>()

  get size(): number {
    return this.#cameras.size
  }

  all(): IterableIterator<CameraRecord> {
    return this.#cameras.values()
  }

  get(cameraId: string): CameraRecord | undefined {
    return this.#cameras.get(cameraId)
  }

  /** Marks every camera posting from this IP online or offline; returns their ids. */
  setAvailability(clientIp: string, availability: 'online' | 'offline'): ReadonlySet<string> {
    const ids = this.idsOf(clientIp)
    for (const cameraId of ids) {
      const record = this.#cameras.get(cameraId)
      if (record === undefined) continue
      record.availability = availability
      record.announced = true
    }
    return ids
  }

  /** Cameras whose posts came from this IP (an NVR forwards many). */
  idsOf(clientIp: string): ReadonlySet<string> {
    return this.#byIp.get(clientIp) ?? new Set()
  }

  /** The record for a camera, created on first sight; identity refreshed when known. */
  note(cameraId: string, clientIp: string, device: DeviceInfo | null): CameraRecord {
    let ids = this.#byIp.get(clientIp)
    if (ids === undefined) {
      ids = new Set()
      this.#byIp.set(clientIp, ids)
    }
    ids.add(cameraId)
    const known = this.#cameras.get(cameraId)
    if (known !== undefined) {
      if (device !== null) known.device = device
      return known
    }
    const record: CameraRecord = {
      cameraId,
      device,
      details: null,
      availability: 'online',
      announced: false,
      states: new Map(),
      alarms: new Map(),
      discovery: new Map(),
      delivering: new Map(),
      unsentStates: new Set(),
      detailsAsked: false,
    }
    this.#cameras.set(cameraId, record)
    return record
  }
}
