import type { XmlElement } from '../parser/element-tree.js'
import type { DeviceInfo } from '../types.js'
import { child, firstText, num } from './read.js'

/**
 * Device identity from wherever this post keeps it: a `deviceInfo` block (v1 status, v2), the
 * `config` level (v1 events and traject), or a `DeviceInfo` root (keepalive). Names are matched
 * ignoring case (`DeviceName`, `SN`).
 */
export function readDevice(root: XmlElement): DeviceInfo {
  const info = root.key === 'deviceinfo' ? root : child(root, 'deviceinfo')
  const pick = (...names: string[]): string =>
    firstText(info, ...names) || firstText(root, ...names)
  const channel = num(info, 'channelid') ?? num(root, 'channelid')
  return {
    name: pick('devicename'),
    ip: pick('ip', 'ipaddress'),
    mac: pick('mac', 'macaddress'),
    sn: pick('sn'),
    channelId: channel === null || !Number.isInteger(channel) ? null : channel,
  }
}

/**
 * A MAC as a key: lower case, `:`-separated (`78-24-AF-44-89-01` and `7824af448901` both become
 * `78:24:af:44:89:01`). Anything that is not 12 hex digits is only trimmed and lower-cased.
 */
export function normalizeMac(mac: string): string {
  const hex = mac
    .trim()
    .toLowerCase()
    .replace(/[:\-.\s]/g, '')
  if (!/^[0-9a-f]{12}$/.test(hex)) return mac.trim().toLowerCase()
  return hex.replace(/(..)(?!$)/g, '$1:')
}
