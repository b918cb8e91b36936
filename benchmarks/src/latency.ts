/** Latencies in milliseconds, collected without reallocating per sample. */
export class LatencyRecorder {
  #values = new Float64Array(4096)
  #count = 0

  add(ms: number): void {
    if (this.#count === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2)
      bigger.set(this.#values)
      this.#values = bigger
    }
    this.#values[this.#count++] = ms
  }

  get count(): number {
    return this.#count
  }

  /** Percentiles (0–100) by the nearest-rank method; `null` when nothing was recorded. */
  percentiles(...ps: number[]): (number | null)[] {
    const sorted = this.#values.slice(0, this.#count).sort()
    return ps.map((p) => {
      if (sorted.length === 0) return null
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
      return sorted[rank - 1] ?? null
    })
  }
}
