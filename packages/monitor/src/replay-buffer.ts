/** One stream message kept for replay. */
export interface ReplayEntry {
  seq: number
  /** Tracking events are sent only to streams that asked for them. */
  traject: boolean
  /** The SSE frame, ready to write. */
  frame: string
}

/**
 * The last `capacity` event frames, so a page that reconnects with `Last-Event-ID` gets what it
 * missed. A ring: memory stays fixed however long the server runs.
 */
export class ReplayBuffer {
  readonly #ring: (ReplayEntry | undefined)[]
  #next = 0
  #count = 0

  constructor(capacity: number) {
    this.#ring = new Array(capacity)
  }

  push(entry: ReplayEntry): void {
    this.#ring[this.#next] = entry
    this.#next = (this.#next + 1) % this.#ring.length
    this.#count = Math.min(this.#count + 1, this.#ring.length)
  }

  /** The oldest sequence number still held; `null` when empty. */
  get oldest(): number | null {
    if (this.#count === 0) return null
    const start = (this.#next - this.#count + this.#ring.length) % this.#ring.length
    return this.#ring[start]?.seq ?? null
  }

  /**
   * Entries after `seq`, oldest first; `null` when some of them were already overwritten (the
   * client must start again from a fresh state).
   */
  after(seq: number): ReplayEntry[] | null {
    const oldest = this.oldest
    if (oldest === null) return []
    if (seq < oldest - 1) return null
    const out: ReplayEntry[] = []
    for (let i = 0; i < this.#count; i++) {
      const entry =
        this.#ring[(this.#next - this.#count + i + this.#ring.length) % this.#ring.length]
      if (entry !== undefined && entry.seq > seq) out.push(entry)
    }
    return out
  }
}
