import type { CameraInfo, CameraRegistry, PresenceChange } from './camera-registry.js'
import { PresenceClock } from './presence-clock.js'

/**
 * Turns the registry's presence changes into `onPresence` calls: online when a post says so,
 * offline from the one {@link PresenceClock}. Offline calls have no post to wait on; shutdown
 * waits for them with {@link settled}.
 */
export class PresenceTracker {
  readonly #registry: CameraRegistry
  readonly #offlineAfterMs: number
  readonly #report: (camera: CameraInfo, online: boolean) => Promise<unknown>
  readonly #clock: PresenceClock
  readonly #pending = new Set<Promise<unknown>>()

  /** @param report - runs the `onPresence` handlers with a copy of the device's state; never rejects. */
  constructor(
    registry: CameraRegistry,
    offlineAfterMs: number,
    report: (camera: CameraInfo, online: boolean) => Promise<unknown>,
  ) {
    this.#registry = registry
    this.#offlineAfterMs = offlineAfterMs
    this.#report = report
    this.#clock = new PresenceClock((now) => this.#sweep(now))
  }

  /**
   * A post from `clientIp` (noted at monotonic `now`) changed its presence: report it online.
   * `null` when there is nothing to wait for.
   */
  posted(clientIp: string, now: number, change: PresenceChange): Promise<unknown> | null {
    if (change === null) return null
    this.#clock.arm(now + this.#offlineAfterMs)
    const camera = this.#registry.cameras.get(clientIp)
    return camera === undefined ? null : this.#report(this.#registry.snapshot(camera), true)
  }

  /** Stops the timer for good (shutdown). */
  stop(): void {
    this.#clock.stop()
  }

  /** Resolves once every offline report started so far has settled. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#pending])
  }

  #sweep(now: number): number | null {
    const { offline, next } = this.#registry.sweep(now, this.#offlineAfterMs)
    for (const camera of offline) {
      const call = this.#report(this.#registry.snapshot(camera), false)
      this.#pending.add(call)
      void call.then(() => this.#pending.delete(call))
    }
    return next
  }
}
