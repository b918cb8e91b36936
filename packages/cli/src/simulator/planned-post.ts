import type { SimulatedEventKind } from './event-kinds.js'
import type { HeartbeatForm } from './simulated-devices.js'

/** The four kinds of post a device sends. */
export type PostKind = 'heartbeat' | 'event' | 'traject' | 'alarm-status'

/** One post on a device's timeline. The body is built when it is sent, so its time is current. */
export interface PlannedPost {
  /** When to send it (`Date.now()` scale, ms). */
  at: number
  kind: PostKind
  /** For heartbeats: which of the three shapes. */
  heartbeat?: HeartbeatForm
  /** For events: what was detected. */
  eventKind?: SimulatedEventKind
  body: () => string
}

/** A device's timeline: posts in time order; equal times keep their insertion order. */
export class PostQueue {
  readonly #posts: PlannedPost[] = []

  get size(): number {
    return this.#posts.length
  }

  peek(): PlannedPost | undefined {
    return this.#posts[0]
  }

  shift(): PlannedPost | undefined {
    return this.#posts.shift()
  }

  push(...posts: PlannedPost[]): void {
    for (const post of posts) {
      let i = this.#posts.length
      while (i > 0 && (this.#posts[i - 1] as PlannedPost).at > post.at) i--
      this.#posts.splice(i, 0, post)
    }
  }

  /** Drops every queued post of a kind (pending heartbeats once the device is winding down). */
  remove(kind: PostKind): void {
    for (let i = this.#posts.length - 1; i >= 0; i--) {
      if (this.#posts[i]?.kind === kind) this.#posts.splice(i, 1)
    }
  }
}
