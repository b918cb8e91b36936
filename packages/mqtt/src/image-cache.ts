/**
 * Image messages received ahead of their events, by event id and topic, bounded by bytes and
 * age. With a shared subscription most of them belong to events another consumer takes, so they
 * are simply evicted.
 */
export class ImageCache {
  readonly #entries = new Map<string, { images: Buffer[]; at: number }>()
  #bytes = 0
  readonly #listeners = new Set<() => void>()

  constructor(
    readonly maxBytes: number,
    readonly maxAgeMs: number,
  ) {}

  get bytes(): number {
    return this.#bytes
  }

  /** Stores one image; `eventId` is `''` when the broker passed no user properties (MQTT 3.1.1). */
  add(eventId: string, topic: string, bytes: Buffer): void {
    const key = `${eventId}|${topic}`
    const entry = this.#entries.get(key)
    if (entry === undefined) this.#entries.set(key, { images: [bytes], at: Date.now() })
    else entry.images.push(bytes)
    this.#bytes += bytes.length
    this.#evict()
    for (const listener of this.#listeners) listener()
  }

  /** True when an image for this event and topic is held. */
  has(eventId: string, topic: string): boolean {
    return this.#entries.has(`${eventId}|${topic}`) || this.#entries.has(`|${topic}`)
  }

  /**
   * Takes the images of one event: a function giving each topic's images in arrival order.
   * Images stored without an event id (MQTT 3.1.1) are taken oldest first, only as many as the
   * event names on that topic: the rest belong to the events after it.
   */
  take(eventId: string, topics: string[]): (topic: string) => Buffer | null {
    const wanted = new Map<string, number>()
    for (const topic of topics) wanted.set(topic, (wanted.get(topic) ?? 0) + 1)
    const taken = new Map<string, Buffer[]>()
    for (const [topic, count] of wanted) {
      const own = this.#entries.has(`${eventId}|${topic}`)
      const key = own ? `${eventId}|${topic}` : `|${topic}`
      const entry = this.#entries.get(key)
      if (entry === undefined) continue
      const images = own ? entry.images : entry.images.slice(0, count)
      if (own || images.length === entry.images.length) this.#entries.delete(key)
      else entry.images = entry.images.slice(count)
      for (const image of images) this.#bytes -= image.length
      taken.set(topic, images)
    }
    return (topic) => {
      const images = taken.get(topic)
      if (images === undefined || images.length === 0) return null
      return images.length === 1 ? (images[0] as Buffer) : (images.shift() as Buffer)
    }
  }

  /** Calls `listener` on every image added until the returned function is called. */
  onAdd(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #evict(): void {
    const oldest = Date.now() - this.maxAgeMs
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes && entry.at >= oldest) return
      this.#entries.delete(key)
      for (const image of entry.images) this.#bytes -= image.length
    }
  }
}
