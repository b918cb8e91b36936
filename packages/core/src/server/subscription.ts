import { type Pushable, pushable } from 'it-pushable'
import type { ViewtronEvent } from '../event.js'
import type { OverflowPolicy } from './server-options.js'

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

/** One subscriber's queue as {@link ViewtronServer.stats} reports it. */
export interface QueueStats {
  /** Events queued and not yet read. */
  depth: number
  /** Events the subscriber may hold unread before its overflow policy applies. */
  highWaterMark: number
  /** What the queue does when full: block the posts, or drop the newest or oldest event. */
  overflow: OverflowPolicy
  /** Events this subscriber lost to its overflow policy. */
  drops: number
  /** Events this subscriber has read. */
  delivered: number
}

/**
 * One `for await` subscriber: an it-pushable queue in object mode plus the bookkeeping that
 * it-pushable leaves to the producer (it buffers without limit). The server calls {@link offer}
 * for every event and, for `'block'` queues, waits on {@link room} before acknowledging the post.
 *
 * The depth is counted here rather than read from `readableLength`, which measures any value
 * that has a `byteLength` in bytes.
 */
export class Subscription implements AsyncIterableIterator<ViewtronEvent> {
  readonly highWaterMark: number
  readonly overflow: OverflowPolicy
  readonly #queue: Pushable<ViewtronEvent> = pushable<ViewtronEvent>({ objectMode: true })
  readonly #onClose: (subscription: Subscription) => void
  /** Told whenever this queue may have room again (an event read, unblocked or closed). */
  readonly #onRoom: () => void
  readonly #signal: AbortSignal | undefined
  #depth = 0
  #drops = 0
  #delivered = 0
  /** No more events are accepted: ended by the server, returned, or aborted. */
  #closed = false
  /** Shutdown has begun: the queue still accepts events but never holds a post back. */
  #unblocked = false
  #waiters: (() => void)[] = []

  constructor(
    queue: { highWaterMark: number; overflow: OverflowPolicy; signal?: AbortSignal | undefined },
    onClose: (subscription: Subscription) => void,
    onRoom: () => void,
  ) {
    this.highWaterMark = queue.highWaterMark
    this.overflow = queue.overflow
    this.#onClose = onClose
    this.#onRoom = onRoom
    this.#signal = queue.signal
    if (this.#signal !== undefined) {
      if (this.#signal.aborted) this.#abort()
      else this.#signal.addEventListener('abort', this.#abort, { once: true })
    }
  }

  /** True while this queue holds posts back: a live `'block'` queue, not yet unblocked. */
  get blocks(): boolean {
    return this.overflow === 'block' && !this.#closed && !this.#unblocked
  }

  /** Events queued and not yet read. */
  get depth(): number {
    return this.#depth
  }

  /** True while a `'block'` queue holds `highWaterMark` events or more. */
  get full(): boolean {
    return this.blocks && this.#depth >= this.highWaterMark
  }

  /** True once the subscriber left or the server ended the subscription. */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Stops holding posts back while still accepting events, so a shutdown can finish the posts in
   * flight (whose events the subscriber then reads before its loop ends).
   */
  unblock(): void {
    this.#unblocked = true
    this.#release()
  }

  stats(): QueueStats {
    return {
      depth: this.#depth,
      highWaterMark: this.highWaterMark,
      overflow: this.overflow,
      drops: this.#drops,
      delivered: this.#delivered,
    }
  }

  /**
   * Queues an event, applying the overflow policy; returns how many events were dropped (0 or 1).
   * A `'block'` queue always accepts: the caller holds the post until {@link room} resolves.
   */
  offer(event: ViewtronEvent): number {
    if (this.#closed) return 0
    if (this.#depth >= this.highWaterMark && this.overflow !== 'block') {
      this.#drops++
      if (this.overflow === 'drop-newest') return 1
      // it-pushable has no shift(), but its next() takes a buffered value synchronously (an async
      // function runs up to its first await), so this discards the oldest event at once. The
      // queue is non-empty here, so no consumer is parked on a pending next().
      void this.#queue.next()
      this.#depth--
      this.#queue.push(event)
      this.#depth++
      return 1
    }
    this.#queue.push(event)
    this.#depth++
    return 0
  }

  /** Resolves once the queue is below its high-water mark (or closed). */
  room(): Promise<void> {
    if (!this.full) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  #release(): void {
    if (!this.full && this.#waiters.length > 0) {
      const waiters = this.#waiters
      this.#waiters = []
      for (const resolve of waiters) resolve()
    }
    this.#onRoom()
  }

  #close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#signal?.removeEventListener('abort', this.#abort)
    this.#onClose(this)
    this.#release()
  }

  /** Graceful end (server shutdown): the events already queued are read first, then the loop ends. */
  end(): void {
    if (this.#closed) return
    this.#queue.end()
    this.#close()
  }

  readonly #abort = (): void => {
    if (this.#closed) return
    const reason: unknown = this.#signal?.reason
    this.#depth = 0
    // end(err) clears the buffer and makes the pending or next read throw the reason.
    this.#queue.end(reason instanceof Error ? reason : new Error(String(reason)))
    this.#close()
  }

  async next(): Promise<IteratorResult<ViewtronEvent, undefined>> {
    const result = await this.#queue.next()
    if (result.done === true) return DONE
    this.#depth--
    this.#delivered++
    this.#release()
    return result
  }

  /** Leaving the loop (`break`, `return`, a throw) unsubscribes at once and drops what is queued. */
  async return(): Promise<IteratorResult<ViewtronEvent, undefined>> {
    this.#depth = 0
    void this.#queue.return()
    this.#close()
    return DONE
  }

  async throw(error?: unknown): Promise<IteratorResult<ViewtronEvent, undefined>> {
    await this.return()
    throw error
  }

  [Symbol.asyncIterator](): this {
    return this
  }
}
