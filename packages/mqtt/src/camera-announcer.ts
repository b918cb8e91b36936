import type { DeviceInfo } from '@viewtron/core'
import { type Announcement, announcement } from './camera-announcement.js'
import { type CameraDetailsLookup, lookUpDetails } from './camera-details.js'
import { CameraDirectory, type CameraRecord } from './camera-directory.js'
import type { OutgoingMessage } from './event-messages.js'
import { type DiscoveryConfig, type DiscoveryContext, refreshedConfig } from './ha-discovery.js'
import { jsonPayload, retained } from './retained-message.js'

/** What the announcer needs of the bridge. */
export interface AnnouncerContext {
  discovery: DiscoveryContext
  homeAssistant: boolean
  deviceInfo: CameraDetailsLookup | null
  /** Publishes without holding a post. */
  background: (message: OutgoingMessage) => void
  report: (error: Error) => void
}

/**
 * The cameras the bridge has seen and what it announced of them: availability, discovery
 * configs (with the device info once a lookup brought it), the bridge's own config.
 */
export class CameraAnnouncer {
  readonly cameras = new CameraDirectory()
  /** The broker acknowledged the bridge's own discovery config. */
  bridgeConfigSent = false

  constructor(readonly context: AnnouncerContext) {}

  /** The camera's record; starts its details lookup on first sight. */
  camera(cameraId: string, clientIp: string, device: DeviceInfo | null): CameraRecord {
    const record = this.cameras.note(cameraId, clientIp, device)
    const { deviceInfo, report } = this.context
    lookUpDetails(record, clientIp, deviceInfo, () => this.#refresh(record), report)
    return record
  }

  /** The camera's record, and what its post must publish first (see `announcement`). */
  prelude(
    cameraId: string,
    clientIp: string,
    device: DeviceInfo | null,
    configs: (camera: CameraRecord) => DiscoveryConfig[],
  ): Announcement & { record: CameraRecord } {
    const record = this.camera(cameraId, clientIp, device)
    const wanted = this.context.homeAssistant ? configs(record) : null
    const { discovery } = this.context
    return { record, ...announcement(record, wanted, this.bridgeConfigSent, discovery) }
  }

  /** Remembers what the broker acknowledged, to publish again after a reconnect. */
  accepted(record: CameraRecord, fresh: DiscoveryConfig[]): void {
    record.announced = true
    if (this.context.homeAssistant) this.bridgeConfigSent = true
    for (const config of fresh) record.discovery.set(config.topic, config)
    // Any built before the camera's details came in go again, with the details.
    if (fresh.length > 0 && record.details !== null) this.#refresh(record)
  }

  /** Sends again those of a camera's discovery configs that what is known of it now changes. */
  #refresh(record: CameraRecord): void {
    for (const [topic, config] of record.discovery) {
      const refreshed = refreshedConfig(config, record, this.context.discovery)
      if (JSON.stringify(refreshed) === JSON.stringify(config)) continue
      record.discovery.set(topic, refreshed)
      this.context.background(retained(topic, jsonPayload(refreshed.payload), 'application/json'))
    }
  }
}
