import type { DeviceInfo, ParseResult } from '../types.js'

/** What the server knows about one device, keyed by the IP its posts come from. */
export interface CameraInfo {
  /** The TCP peer address (an NVR's address for everything it forwards). */
  readonly clientIp: string
  /** The first post of any kind. */
  readonly firstSeen: Date
  /** The latest post of any kind. */
  readonly lastSeen: Date
  /** Posts received in full from this IP, heartbeats included. */
  readonly posts: number
  /** Of those, heartbeats (all three shapes). */
  readonly keepalives: number
  /** Identity from the latest post that carried one (heartbeat, event or alarm status). */
  readonly device: DeviceInfo | null
}

type MutableCameraInfo = { -readonly [K in keyof CameraInfo]: CameraInfo[K] }

/** The identity a post carries, if any. */
function deviceOf(result: ParseResult): DeviceInfo | null {
  switch (result.kind) {
    case 'keepalive':
      return result.device
    case 'event':
      return result.event.device
    case 'alarmStatus':
      return result.status.device
    default:
      return null
  }
}

function hasIdentity(device: DeviceInfo): boolean {
  return device.name !== '' || device.mac !== '' || device.sn !== '' || device.ip !== ''
}

/** The devices seen so far; the server exposes {@link cameras} read-only. */
export class CameraRegistry {
  readonly #cameras = new Map<string, MutableCameraInfo>()

  /** Read-only view by client IP. */
  get cameras(): ReadonlyMap<string, CameraInfo> {
    return this.#cameras
  }

  /**
   * Records one post; returns true when this IP was never seen before (time for `onConnect`).
   * An empty heartbeat carries no identity, so it keeps the device already known.
   */
  note(clientIp: string, at: Date, result: ParseResult): boolean {
    const known = this.#cameras.get(clientIp)
    const keepalive = result.kind === 'keepalive'
    const device = deviceOf(result)
    const identity = device !== null && hasIdentity(device) ? { ...device } : null
    if (known === undefined) {
      this.#cameras.set(clientIp, {
        clientIp,
        firstSeen: at,
        lastSeen: at,
        posts: 1,
        keepalives: keepalive ? 1 : 0,
        device: identity,
      })
      return true
    }
    known.lastSeen = at
    known.posts++
    if (keepalive) known.keepalives++
    if (identity !== null) known.device = identity
    return false
  }
}
