import type { ViewtronEvent } from '../event.js'
import type { OverflowPolicy } from './server-options.js'
import { type QueueStats, Subscription } from './subscription.js'

/** A post's leave to read its body; {@link release} it once its event is queued (or it has none). */
export interface Admission {
  /** Idempotent. */
  release(): void
}

/** An {@link Admission}: calls `done` on its first release only. */
class Leave implements Admission {
  #done: (() => void) | null

  constructor(done: () => void) {
    this.#done = done
  }

  release(): void {
    const done = this.#done
    if (done === null) return
    this.#done = null
    done()
  }
}

/**
 * The live subscribers of one server: every event goes to each of them. The server asks
 * {@link admit} before reading a body and {@link room} before acknowledging a post.
 *
 * Admission counts the bodies being read against each blocking queue's high-water mark, so
 * queued events plus posts in progress never exceed it: when a slot frees, one held post starts
 * reading, not every held post at once (which, with `images: 'memory'`, would hold a decoded
 * image per connection).
 */
export class EventFanout {
  readonly #subscriptions = new Set<Subscription>()
  /** Posts waiting to read their bodies, oldest first. */
  #held: (() => void)[] = []
  /** Admitted posts whose event is not queued yet. */
  #reading = 0
  /** Shutdown has begun: queues still accept events but hold no post back. */
  #unblocked = false
  /** Shutdown has ended every subscription; later ones end at once. */
  #ended = false

  /** A new subscriber, queueing from now on. */
  subscribe(queue: {
    highWaterMark: number
    overflow: OverflowPolicy
    signal?: AbortSignal | undefined
  }): Subscription {
    const subscription = new Subscription(
      queue,
      (sub) => this.#subscriptions.delete(sub),
      () => this.#pump(),
    )
    if (this.#ended) subscription.end()
    else if (!subscription.closed) {
      this.#subscriptions.add(subscription)
      if (this.#unblocked) subscription.unblock()
    }
    return subscription
  }

  /** Queues an event for every subscriber; returns how many dropped it (overflow policies). */
  publish(event: ViewtronEvent): number {
    let drops = 0
    for (const sub of this.#subscriptions) drops += sub.offer(event)
    return drops
  }

  /**
   * Leave to read one body: at once (as a value) while every blocking queue has room for it and
   * for the posts already being read, else a promise that resolves in arrival order as room frees.
   */
  admit(): Admission | Promise<Admission> {
    if (this.#held.length === 0 && this.#canAdmit()) return this.#admission()
    return new Promise((resolve) => this.#held.push(() => resolve(this.#admission())))
  }

  #canAdmit(): boolean {
    for (const sub of this.#subscriptions) {
      if (sub.blocks && sub.depth + this.#reading >= sub.highWaterMark) return false
    }
    return true
  }

  #admission(): Admission {
    this.#reading++
    return new Leave(this.#released)
  }

  /** One admitted post is no longer being read. */
  readonly #released = (): void => {
    this.#reading--
    this.#pump()
  }

  /** Lets held posts start, oldest first, while there is room. */
  #pump(): void {
    while (this.#held.length > 0 && this.#canAdmit()) this.#held.shift()?.()
  }

  /**
   * `null` when no `'block'` subscriber is at its high-water mark, else a promise that resolves
   * once none is (a value rather than an always-async function: this runs for every post).
   */
  room(): Promise<void> | null {
    for (const sub of this.#subscriptions) if (sub.full) return this.#roomLater()
    return null
  }

  async #roomLater(): Promise<void> {
    for (;;) {
      const full = [...this.#subscriptions].filter((sub) => sub.full)
      if (full.length === 0) return
      await Promise.all(full.map((sub) => sub.room()))
    }
  }

  /** Releases every held post for good (shutdown), while still accepting events. */
  unblock(): void {
    this.#unblocked = true
    for (const sub of this.#subscriptions) sub.unblock()
    this.#pump()
  }

  /** Ends every subscription: each loop reads what is queued, then finishes normally. */
  end(): void {
    this.#ended = true
    for (const sub of [...this.#subscriptions]) sub.end()
  }

  stats(): QueueStats[] {
    return [...this.#subscriptions].map((sub) => sub.stats())
  }
}
