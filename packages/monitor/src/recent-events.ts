import type { WireEvent } from './wire.js'

/**
 * The newest events (trajectories left out), oldest first, at most `limit`: what a page that
 * opens shows before its stream starts, and what `GET /api/events` lists.
 */
export class RecentEvents {
  readonly #events: WireEvent[] = []
  readonly #limit: number

  /** @param limit events held at most (`MonitorOptions.recent`). */
  constructor(limit: number) {
    this.#limit = limit
  }

  /** Keeps `event`, dropping the oldest beyond the limit. */
  add(event: WireEvent): void {
    this.#events.push(event)
    if (this.#events.length > this.#limit) this.#events.shift()
  }

  /** Every event held, newest first. */
  newestFirst(): WireEvent[] {
    return [...this.#events].reverse()
  }

  /**
   * The query of `GET /api/events`: `limit` (1 to the number held, default 50), `category` and
   * `camera` (the camera key), newest first.
   */
  list(params: URLSearchParams): WireEvent[] {
    const limit = Math.min(Math.max(Number(params.get('limit') ?? 50) || 50, 1), this.#limit)
    const category = params.get('category')
    const camera = params.get('camera')
    const out: WireEvent[] = []
    for (let i = this.#events.length - 1; i >= 0 && out.length < limit; i--) {
      const event = this.#events[i] as WireEvent
      if (category && event.category !== category) continue
      if (camera && event.camera !== camera) continue
      out.push(event)
    }
    return out
  }
}
