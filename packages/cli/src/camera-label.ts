import type { DeviceInfo } from '@viewtron/core'

/**
 * How a line names the device: its name, else the client IP; plus `ch<N>` for an NVR channel
 * (the NVR's name identifies the recorder, the channel the camera behind it).
 */
export function cameraLabel(event: { device: DeviceInfo; clientIp: string }): string {
  const name = event.device.name || event.clientIp || 'unknown'
  return event.device.channelId === null ? name : `${name} ch${event.device.channelId}`
}
