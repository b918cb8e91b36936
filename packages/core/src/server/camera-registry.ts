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
  /** Of those, heartbeats (every form). */
  readonly keepalives: number
  /** Identity from the latest post that carried one (heartbeat, event or alarm status). */
  readonly device: DeviceInfo | null
  /**
   * False once no post of any kind arrived for `offlineAfterMs`; true again with the next post.
   */
  readonly online: boolean
}

type MutableCameraInfo = { -readonly [K in keyof CameraInfo]: CameraInfo[K] }

/**
 * How a post changed a device's presence: `'first'` for an IP never seen before (it is online
 * now, time for `onConnect`), `'back'` for the first post after it went offline, `null` otherwise.
 */
export type PresenceChange = 'first' | 'back' | null

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
  /**
   * Monotonic time (`performance.now()`) of each device's latest post: presence must not
   * flap when the wall clock is stepped.
   */
  readonly #seenAt = new Map<string, number>()

  /** Read-only view by client IP. */
  get cameras(): ReadonlyMap<string, CameraInfo> {
    return this.#cameras
  }

  /**
   * Records one post received at `at` (wall clock) and `now` (monotonic). An empty heartbeat
   * carries no identity, so it keeps the device already known.
   */
  note(clientIp: string, at: Date, now: number, result: ParseResult): PresenceChange {
    this.#seenAt.set(clientIp, now)
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
        online: true,
      })
      return 'first'
    }
    known.lastSeen = at
    known.posts++
    if (keepalive) known.keepalives++
    if (identity !== null) known.device = identity
    if (known.online) return null
    known.online = true
    return 'back'
  }

  /**
   * Marks offline every online device whose latest post is `offlineAfterMs` or more before `now`.
   * Returns them, and the monotonic time the next one would go offline (`null`: none online).
   */
  sweep(now: number, offlineAfterMs: number): { offline: CameraInfo[]; next: number | null } {
    const offline: CameraInfo[] = []
    let next: number | null = null
    for (const camera of this.#cameras.values()) {
      if (!camera.online) continue
      const deadline = (this.#seenAt.get(camera.clientIp) ?? now) + offlineAfterMs
      if (deadline <= now) {
        camera.online = false
        offline.push(camera)
      } else if (next === null || deadline < next) {
        next = deadline
      }
    }
    return { offline, next }
  }

  /** A copy of one device's state as it is now, for callbacks that may keep it. */
  snapshot(camera: CameraInfo): CameraInfo {
    return Object.freeze({ ...camera })
  }
}
