import type { ViewtronEvent } from '../event.js'
import type { AlarmStatus, Keepalive } from '../types.js'
import type { CameraInfo } from './camera-registry.js'
import type { ErrorReporter } from './error-reporter.js'
import type { RefusePost } from './refuse-post.js'

/**
 * Callbacks a sink (an event store, an MQTT bridge) attaches to a running server with
 * {@link ViewtronServer.use}. Each has the signature of the server option of the same name.
 * A returned promise is awaited before the post is answered, so a sink can hold the device's
 * reply until the event is durable; `onEvent` and `onAlarmStatus` may throw a {@link RefusePost}
 * to have the post refused (`503`, retried by the device) instead of acknowledged.
 *
 * The handlers are called as methods of the object given to `use()`, so a class instance works.
 */
export interface ViewtronHandlers {
  /** Every event, after the server's own `onEvent`. Throw {@link RefusePost} to refuse the post. */
  onEvent?: (event: ViewtronEvent, clientIp: string) => unknown
  /** Every alarm on/off post, after the server's own `onAlarmStatus`. May refuse the post too. */
  onAlarmStatus?: (status: AlarmStatus, clientIp: string) => unknown
  /** Every heartbeat, whatever its form. Errors are reported to `onError`; it cannot refuse. */
  onKeepalive?: (keepalive: Keepalive, clientIp: string) => unknown
  /** A device came online or went offline. Errors are reported to `onError`; it cannot refuse. */
  onPresence?: (camera: CameraInfo, online: boolean) => unknown
}

/** The callback names of {@link ViewtronHandlers}. */
export type HandlerName = keyof ViewtronHandlers

export const HANDLER_NAMES: readonly HandlerName[] = [
  'onEvent',
  'onAlarmStatus',
  'onKeepalive',
  'onPresence',
]

/** One {@link HandlerSet.add} call. */
export interface Attached {
  readonly handlers: ViewtronHandlers
}

/**
 * The server's own callbacks (its options) and the handlers attached to it, kept per callback
 * name. Each list is replaced, never changed in place, so a post iterating one is not disturbed
 * by an attach or detach meanwhile, and a post pays nothing for the kinds no sink listens to.
 */
export class HandlerSet {
  readonly #own: ViewtronHandlers
  readonly #errors: ErrorReporter
  readonly #byName: Record<HandlerName, readonly Attached[]> = {
    onEvent: [],
    onAlarmStatus: [],
    onKeepalive: [],
    onPresence: [],
  }

  constructor(own: ViewtronHandlers, errors: ErrorReporter) {
    this.#own = own
    this.#errors = errors
  }

  /** True when the own callbacks or an attached handler have `name` (else a post skips {@link run}). */
  has(name: HandlerName): boolean {
    return this.#own[name] !== undefined || this.#byName[name].length > 0
  }

  /**
   * Runs the own callback `name`, then (unless it refused) every attached one concurrently;
   * resolves once all have settled. `refusable`: a {@link RefusePost} refuses the post rather
   * than being reported; of several, the one asking the longest wait wins. Never rejects.
   */
  async run(
    name: HandlerName,
    clientIp: string,
    refusable: boolean,
    call: (handlers: ViewtronHandlers) => unknown,
  ): Promise<RefusePost | null> {
    const errors = this.#errors
    if (this.#own[name] !== undefined) {
      const refusal = await errors.attempt(name, clientIp, () => call(this.#own), refusable)
      if (refusal !== null) return refusal
    }
    const attached = this.#byName[name]
    if (attached.length === 0) return null
    const refusals = await Promise.all(
      attached.map((entry) =>
        errors.attempt(name, clientIp, () => call(entry.handlers), refusable),
      ),
    )
    let longest: RefusePost | null = null
    for (const refusal of refusals) {
      if (refusal === null) continue
      if (longest === null || refusal.retryAfterSeconds > longest.retryAfterSeconds) {
        longest = refusal
      }
    }
    return longest
  }

  /**
   * Attaches `handlers`; returns an idempotent function that detaches them.
   * @throws TypeError when `handlers` is not an object, a known field is not a function, or it
   *   has none of the four callbacks.
   */
  add(handlers: ViewtronHandlers): () => void {
    if (typeof handlers !== 'object' || handlers === null) {
      throw new TypeError('use() takes an object of handlers such as { onEvent }')
    }
    const names = HANDLER_NAMES.filter((name) => handlers[name] !== undefined)
    for (const name of names) {
      if (typeof handlers[name] !== 'function') {
        throw new TypeError(
          `use() handler ${name} must be a function, got ${typeof handlers[name]}`,
        )
      }
    }
    if (names.length === 0) {
      throw new TypeError(`use() needs at least one of ${HANDLER_NAMES.join(', ')}`)
    }
    // One entry per call: the same object attached twice is detached one call at a time.
    const entry: Attached = { handlers }
    for (const name of names) this.#byName[name] = [...this.#byName[name], entry]
    let attached = true
    return () => {
      if (!attached) return
      attached = false
      for (const name of names) {
        this.#byName[name] = this.#byName[name].filter((other) => other !== entry)
      }
    }
  }
}
