import type { ViewtronEvent } from '../event.js'
import type { OverflowPolicy } from './server-options.js'
import { type QueueStats, Subscription } from './subscription.js'

/**
 * The live subscribers of one server: every event goes to each of them, and the server asks
 * {@link room} before acknowledging a post or reading the next body.
 */
export class EventFanout {
  readonly #subscriptions = new Set<Subscription>()
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
    const subscription = new Subscription(queue, (sub) => this.#subscriptions.delete(sub))
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

  /** Resolves once no `'block'` subscriber is at its high-water mark. */
  async room(): Promise<void> {
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
