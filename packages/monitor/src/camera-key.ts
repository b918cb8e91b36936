import { type DeviceInfo, normalizeMac } from '@viewtron/core'

/**
 * The card a post belongs to: the IP it came from plus the identity it carries (MAC, else serial,
 * else name) and NVR channel. One IP can hold several cards: an NVR's channels, or several
 * devices behind one address. A post without identity (an empty heartbeat) has key `null`.
 */
export function cameraKey(clientIp: string, device: DeviceInfo): string | null {
  const identity =
    device.mac !== '' ? normalizeMac(device.mac) : device.sn !== '' ? device.sn : device.name
  if (identity === '') return null
  return device.channelId === null
    ? `${clientIp}|${identity}`
    : `${clientIp}|${identity}|${device.channelId}`
}

/** The card for an IP whose posts so far carried no identity. */
export const anonymousKey = (clientIp: string): string => `${clientIp}|`
