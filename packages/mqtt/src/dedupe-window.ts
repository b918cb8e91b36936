/** Remembers the last `size` ids, to drop a repeat (a camera's retry, a QoS 1 redelivery). */
export class DedupeWindow {
  readonly #seen = new Set<string>()
  readonly #order: string[] = []
  #next = 0

  constructor(readonly size: number) {}

  /** True the first time an id is seen within the window. */
  add(id: string): boolean {
    if (this.#seen.has(id)) return false
    if (this.#order.length < this.size) this.#order.push(id)
    else {
      this.#seen.delete(this.#order[this.#next] as string)
      this.#order[this.#next] = id
      this.#next = (this.#next + 1) % this.size
    }
    this.#seen.add(id)
    return true
  }
}
