/** Where an image's bytes are: in memory, or in a file written by the server. */
export type CachedImage = { bytes: Buffer } | { path: string }

/** What a file reference costs in the budget (the key and the path string, roughly). */
const PATH_ENTRY_BYTES = 256

function costOf(image: CachedImage): number {
  return 'bytes' in image ? image.bytes.byteLength : PATH_ENTRY_BYTES
}

/**
 * The most recent images, bounded by bytes: adding one past the budget evicts the oldest first.
 * A lookup does not refresh an entry; the feed shows newest first, so oldest-out is the right
 * order, and a page that asks for an evicted image gets `404` and shows a placeholder.
 */
export class ImageCache {
  readonly #entries = new Map<string, CachedImage>()
  readonly #maxBytes: number
  #bytes = 0

  /** @param maxBytes budget for image bytes held in memory. */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes
  }

  /** Images held now. */
  get size(): number {
    return this.#entries.size
  }

  /** Keeps an image; returns false (and keeps nothing) when it alone is over the budget. */
  set(key: string, image: CachedImage): boolean {
    const cost = costOf(image)
    if (cost > this.#maxBytes) return false
    this.delete(key)
    this.#entries.set(key, image)
    this.#bytes += cost
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break
      this.#entries.delete(oldest)
      this.#bytes -= costOf(entry)
    }
    return true
  }

  get(key: string): CachedImage | undefined {
    return this.#entries.get(key)
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    if (entry === undefined) return
    this.#entries.delete(key)
    this.#bytes -= costOf(entry)
  }
}
