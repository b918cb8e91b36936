/**
 * One timer for every device's presence: it fires when the device seen longest ago would reach
 * `offlineAfterMs`, lets the caller mark whoever is past it offline, and is set again for the
 * next deadline. A post only stamps a time; no timer is created or moved per post. The timer is
 * unref'd, so it never keeps the process alive, and {@link stop} ends it for good.
 */
export class PresenceClock {
  readonly #sweep: (now: number) => number | null
  #timer: NodeJS.Timeout | null = null
  #stopped = false

  /**
   * @param sweep - marks what is overdue at `now` (monotonic ms) and returns the next deadline,
   *   or `null` when no device is online.
   */
  constructor(sweep: (now: number) => number | null) {
    this.#sweep = sweep
  }

  /** A device came online: make sure a sweep is due by `deadline` (monotonic ms). */
  arm(deadline: number): void {
    if (this.#stopped || this.#timer !== null) return
    this.#schedule(deadline)
  }

  /** Stops the timer; later {@link arm} calls do nothing. */
  stop(): void {
    this.#stopped = true
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }

  #schedule(deadline: number): void {
    // At least 1 ms: a timer may fire a fraction early, and a 0 ms loop would spin until then.
    const delay = Math.max(1, Math.ceil(deadline - performance.now()))
    this.#timer = setTimeout(() => {
      this.#timer = null
      if (this.#stopped) return
      const next = this.#sweep(performance.now())
      if (next !== null && !this.#stopped && this.#timer === null) this.#schedule(next)
    }, delay)
    this.#timer.unref()
  }
}
