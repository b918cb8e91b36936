import { CameraMalformedReplyError } from './camera-error.js'
import { at, textAt, type XmlNode } from './xml-reader.js'

/** What `GetDeviceInfo` says about the camera; `null` where the firmware sent nothing. */
export interface DeviceInfo {
  /** The name the installer gave the device (its on-screen title). */
  deviceName: string | null
  /** The device's description field (often its kind, such as `IPC`). */
  deviceDescription: string | null
  /** The hardware model, as printed on the device's label. */
  model: string | null
  /** The brand the firmware reports. */
  brand: string | null
  /** The network card's MAC address, as the firmware writes it. */
  mac: string | null
  /** The serial number. */
  sn: string | null
  /** The firmware version. */
  softwareVersion: string | null
  /** When the firmware was built, as the firmware writes it. */
  softwareBuildDate: string | null
  /** The firmware's kernel version. */
  kernelVersion: string | null
  /** The hardware revision. */
  hardwareVersion: string | null
  /** `2.1.0` on current firmware; absent on 1.x (see {@link ViewtronCamera.capabilities}). */
  apiVersion: string | null
  /** The version of the HTTP POST (event push) protocol the firmware speaks. */
  httpPostVersion: string | null
  /** Every field the firmware sent, trimmed, by element name (nested ones by `parent.child`). */
  raw: Readonly<Record<string, string>>
}

/** What the firmware can do. */
export interface CameraCapabilities {
  /** The control API's version (`2.1.0` on current firmware), `null` on 1.x firmware. */
  apiVersion: string | null
  /** The version of the HTTP POST (event push) protocol, `null` when the firmware does not say. */
  httpPostVersion: string | null
  /**
   * Commands from `GetSupportedAPIs` (duplicates removed), or `null` when the firmware has no list.
   */
  supportedApis: ReadonlySet<string> | null
}

function flatten(node: XmlNode, prefix: string, out: Record<string, string>): void {
  for (const c of node.children) {
    const key = prefix === '' ? c.name : `${prefix}.${c.name}`
    if (c.children.length > 0) flatten(c, key, out)
    else out[key] = c.text.trim()
  }
}

/** Reads `deviceInfo/*` from a `GetDeviceInfo` reply. */
export function readDeviceInfo(config: XmlNode): DeviceInfo {
  const info = at(config, 'deviceInfo')
  if (info === undefined) {
    throw new CameraMalformedReplyError({
      command: 'GetDeviceInfo',
      description: 'the reply has no <deviceInfo>',
    })
  }
  const raw: Record<string, string> = {}
  flatten(info, '', raw)
  const field = (name: string): string | null => {
    const value = textAt(info, name)
    return value === null || value === '' ? null : value
  }
  return {
    deviceName: field('deviceName'),
    deviceDescription: field('deviceDescription'),
    model: field('model'),
    brand: field('brand'),
    mac: field('mac'),
    sn: field('sn'),
    softwareVersion: field('softwareVersion'),
    softwareBuildDate: field('softwareBuildDate'),
    kernelVersion: field('kernelVersion'),
    hardwareVersion: field('hardwareVersion'),
    apiVersion: field('apiVersion'),
    httpPostVersion: field('httpPostVersion'),
    raw,
  }
}
