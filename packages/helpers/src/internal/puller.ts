const ignore = (): void => {}

/**
 * Pulls one source by hand, for stages that race a pull against a timer or a signal. At most one
 * `next()` is outstanding; its promise is reused until the result is {@link Puller.taken}.
 */
export class Puller<T> {
  readonly #iterator: AsyncIterator<T>
  #pending: Promise<IteratorResult<T>> | undefined
  #settled = false
  /** The source ended, threw, or was returned: it must not be returned (again). */
  #finished = false

  constructor(source: AsyncIterable<T>) {
    this.#iterator = source[Symbol.asyncIterator]()
  }

  /** The outstanding pull, started if there is none. */
  next(): Promise<IteratorResult<T>> {
    if (this.#pending === undefined) {
      this.#settled = false
      this.#pending = this.#iterator.next().then(
        (result) => {
          this.#settled = true
          if (result.done) this.#finished = true
          return result
        },
        (error: unknown) => {
          this.#settled = true
          this.#finished = true
          throw error
        },
      )
      // A pull still in flight when the consumer leaves may reject with nobody awaiting it.
      this.#pending.catch(ignore)
    }
    return this.#pending
  }

  /** Marks the settled pull's result as used, so the next {@link Puller.next} pulls again. */
  taken(): void {
    this.#pending = undefined
  }

  /**
   * Returns the source unless it already finished. Awaited when the source is idle; when a
   * `next()` is still outstanding it is only started, because an async generator queues
   * `return()` behind that `next()` and awaiting could hang for as long as the source is idle.
   */
  async close(): Promise<void> {
    if (this.#finished) return
    this.#finished = true
    const returned = this.#iterator.return?.()
    if (returned === undefined) return
    if (this.#pending !== undefined && !this.#settled) {
      returned.then(ignore, ignore)
      return
    }
    await returned
  }
}
