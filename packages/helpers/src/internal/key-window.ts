/**
 * Remembers when each key last passed, for {@link dedupe}. A key is admitted if it has not passed
 * within `windowMs`; refused keys do not restart the window. Expired keys are evicted on every
 * call, so the size is bounded by the keys admitted within one window.
 */
export class KeyWindow {
  readonly #windowMs: number
  // Insertion order is admission order (a key is re-inserted only after it expired), so expired
  // keys are always at the front and eviction stops at the first live one.
  readonly #admittedAt = new Map<string, number>()

  constructor(windowMs: number) {
    this.#windowMs = windowMs
  }

  /** Whether `key` may pass at time `now` (monotonic ms); if so, its window starts now. */
  admit(key: string, now: number): boolean {
    for (const [oldKey, at] of this.#admittedAt) {
      if (now - at < this.#windowMs) break
      this.#admittedAt.delete(oldKey)
    }
    if (this.#admittedAt.has(key)) return false
    this.#admittedAt.set(key, now)
    return true
  }

  /** Keys currently remembered. */
  get size(): number {
    return this.#admittedAt.size
  }
}
