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

  /** Cameras whose posts came from this IP (an NVR forwards many). */
  idsOf(clientIp: string): ReadonlySet<string> {
    return this.#byIp.get(clientIp) ?? new Set()
  }

  /** The record for a camera, created on first sight; identity refreshed when known. */
  note(
    cameraId: string,
    clientIp: string,
    device: DeviceInfo | null,
    configVersion: string,
  ): CameraRecord {
    let ids = this.#byIp.get(clientIp)
    if (ids === undefined) {
      ids = new Set()
      this.#byIp.set(clientIp, ids)
    }
    ids.add(cameraId)
    const known = this.#cameras.get(cameraId)
    if (known !== undefined) {
      if (device !== null) known.device = device
      if (configVersion !== '') known.configVersion = configVersion
      return known
    }
    const record: CameraRecord = {
      cameraId,
      device,
      configVersion,
      availability: 'online',
      announced: false,
      states: new Map(),
      alarms: new Map(),
      discovery: new Map(),
    }
    this.#cameras.set(cameraId, record)
    return record
  }
}
