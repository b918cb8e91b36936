import { EVENT_KINDS, type SimulatedEventKind } from './event-kinds.js'
import type { PostKind } from './planned-post.js'
import type { PostOutcome } from './post-outcome.js'
import type { SimulateMode, SimulateProgress } from './simulate-options.js'
import type { HeartbeatForm } from './simulated-devices.js'

/** What {@link simulate} resolves with once every device has stopped. */
export interface SimulateSummary {
  /** The URL posted to (with the path devices use). */
  target: string
  /** The devices simulated: IPC cameras, NVR channels or both. */
  mode: SimulateMode
  /** The number of devices simulated. */
  cameras: number
  /** Posts sent, of every kind. */
  posts: number
  /** Posts answered `200` with the success XML. */
  acknowledged: number
  /** Posts refused, unanswered, or answered with anything else. */
  failed: number
  /** Request body bytes sent. */
  bytes: number
  /** From the first post to the last reply. */
  seconds: number
  /** Posts per second over `seconds`. */
  rate: number
  /** TCP connections opened: one per camera, plus one per NVR post. */
  connections: number
  /** Posts by kind. */
  byKind: Record<PostKind, number>
  /** Heartbeats by shape. */
  heartbeats: Record<HeartbeatForm, number>
  /** Event posts by detection. */
  events: Record<SimulatedEventKind, number>
  /** Up to ten distinct reasons posts failed, with how often each happened. */
  errors: {
    /** What went wrong, as one line. */
    error: string
    /** How many posts failed this way. */
    count: number
  }[]
}

const MAX_ERRORS = 10

/** Counts posts as they complete; {@link summary} is read at the end, progress after each post. */
export class SimulateTally {
  readonly #started = performance.now()
  #firstPost: number | null = null
  #lastReply = 0
  posts = 0
  acknowledged = 0
  failed = 0
  bytes = 0
  readonly byKind: Record<PostKind, number> = {
    heartbeat: 0,
    event: 0,
    traject: 0,
    'alarm-status': 0,
  }
  readonly heartbeats: Record<HeartbeatForm, number> = { empty: 0, deviceInfo: 0, messageType: 0 }
  readonly events = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as Record<
    SimulatedEventKind,
    number
  >
  readonly #errors = new Map<string, number>()

  /** Marks the start of a post (the clock for `seconds` starts at the first one). */
  sending(): void {
    this.#firstPost ??= performance.now()
  }

  record(
    post: { kind: PostKind; heartbeat?: HeartbeatForm; eventKind?: SimulatedEventKind },
    bytes: number,
    outcome: PostOutcome,
  ): void {
    this.#lastReply = performance.now()
    this.posts++
    this.bytes += bytes
    this.byKind[post.kind]++
    if (post.heartbeat !== undefined) this.heartbeats[post.heartbeat]++
    if (post.eventKind !== undefined) this.events[post.eventKind]++
    if (outcome.acknowledged) {
      this.acknowledged++
      return
    }
    this.failed++
    const error = outcome.error ?? 'failed'
    const seen = this.#errors.get(error)
    if (seen !== undefined) this.#errors.set(error, seen + 1)
    else if (this.#errors.size < MAX_ERRORS) this.#errors.set(error, 1)
  }

  get seconds(): number {
    if (this.#firstPost === null) return 0
    return (Math.max(this.#lastReply, this.#firstPost) - this.#firstPost) / 1000
  }

  progress(): SimulateProgress {
    const seconds = (performance.now() - (this.#firstPost ?? this.#started)) / 1000
    const { posts, acknowledged, failed, bytes } = this
    return { posts, acknowledged, failed, bytes, seconds }
  }

  summary(run: {
    target: string
    mode: SimulateMode
    cameras: number
    connections: number
  }): SimulateSummary {
    const seconds = this.seconds
    return {
      ...run,
      posts: this.posts,
      acknowledged: this.acknowledged,
      failed: this.failed,
      bytes: this.bytes,
      seconds,
      rate: seconds > 0 ? this.posts / seconds : 0,
      byKind: { ...this.byKind },
      heartbeats: { ...this.heartbeats },
      events: { ...this.events },
      errors: [...this.#errors].map(([error, count]) => ({ error, count })),
    }
  }
}
