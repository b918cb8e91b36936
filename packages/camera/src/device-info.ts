import { CameraMalformedReplyError } from './camera-error.js'
import { at, textAt, type XmlNode } from './xml-reader.js'

/** What `GetDeviceInfo` says about the camera; `null` where the firmware sent nothing. */
export interface DeviceInfo {
  deviceName: string | null
  deviceDescription: string | null
  model: string | null
  brand: string | null
  mac: string | null
  sn: string | null
  softwareVersion: string | null
  softwareBuildDate: string | null
  kernelVersion: string | null
  hardwareVersion: string | null
  /** `2.1.0` on current firmware; absent on 1.x (see {@link ViewtronCamera.capabilities}). */
  apiVersion: string | null
  httpPostVersion: string | null
  /** Every field the firmware sent, trimmed, by element name (nested ones by `parent.child`). */
  raw: Readonly<Record<string, string>>
}

/** What the firmware can do. */
export interface CameraCapabilities {
  apiVersion: string | null
  httpPostVersion: string | null
  /** Commands from `GetSupportedAPIs` (duplicates removed), or `null` when the firmware has no list. */
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
