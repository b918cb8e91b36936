import type { DeviceInfo } from '@viewtron/core'
import { normalizeMac } from '@viewtron/core'

/** Decides the `<cameraId>` topic level for a device; must return only `[a-z0-9_-]`. */
export type CameraIdFunction = (device: DeviceInfo | null, clientIp: string) => string

/** Lowercases and turns every character outside `[a-z0-9_-]` into `-`. */
export function topicSafe(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, '-')
}

/**
 * The default camera id: the MAC as 12 lowercase hex digits when the post carries one, else the
 * serial number, else the client IP with `.`/`:` as `-`; a channel an NVR forwards gets
 * `-ch<channelId>`. Only `[a-z0-9_-]`.
 *
 * @example
 * ```ts
 * defaultCameraId({ name: '', ip: '', mac: '58:5B:69:AA:00:01', sn: '', channelId: null }, '10.0.0.9')
 * // → '585b69aa0001'
 * ```
 */
export function defaultCameraId(device: DeviceInfo | null, clientIp: string): string {
  const mac = device === null || device.mac === '' ? '' : normalizeMac(device.mac).replace(/:/g, '')
  let base: string
  if (/^[0-9a-f]{12}$/.test(mac)) base = mac
  else if (device !== null && device.sn.trim() !== '') base = topicSafe(device.sn.trim())
  else base = topicSafe(clientIp === '' ? 'unknown' : clientIp)
  const channel = device?.channelId
  return channel === null || channel === undefined ? base : `${base}-ch${channel}`
}

/** Checks what a user's function returned, so a bad id never reaches a topic. */
export function checkedCameraId(id: unknown): string {
  if (typeof id !== 'string' || !/^[a-z0-9_-]+$/.test(id)) {
    throw new TypeError(`cameraId must be a non-empty string of [a-z0-9_-], got ${String(id)}`)
  }
  return id
}
