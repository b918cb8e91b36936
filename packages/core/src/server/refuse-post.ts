const BRAND = Symbol.for('@viewtron/core/RefusePost')

/** Seconds a device is asked to wait before retrying a refused post, unless the refusal says. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5

/**
 * Thrown (or rejected) by `onEvent` or `onAlarmStatus`, or by an attached handler of those kinds,
 * when the post cannot be taken now (a broker is down, a disk is full). The post is then not
 * acknowledged: the device gets `503 Service Unavailable` with a `Retry-After` header and sends
 * it again later, the event reaches no subscriber, and `onError` is not called. Any other error
 * is reported to `onError` and the post is acknowledged.
 *
 * @example
 * ```ts
 * const server = new ViewtronServer({
 *   onEvent: async (event) => {
 *     if (!broker.connected) throw new RefusePost('broker offline', { retryAfterSeconds: 10 })
 *     await broker.publish(event)
 *   },
 * })
 * ```
 */
export class RefusePost extends Error {
  /** Always `'RefusePost'`. */
  override readonly name = 'RefusePost'
  /** The `Retry-After` the device is sent, in whole seconds. */
  readonly retryAfterSeconds: number

  /**
   * @param reason - why the post is refused (for logs; never sent to the device).
   * @param options.retryAfterSeconds - whole seconds, at least 0; a fraction is rounded up.
   *   Default 5.
   * @throws RangeError when `retryAfterSeconds` is negative or not a finite number.
   */
  constructor(reason = 'the post was refused', options: { retryAfterSeconds?: number } = {}) {
    super(reason)
    const seconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(
        `retryAfterSeconds must be a finite number of seconds, at least 0, got ${String(seconds)}`,
      )
    }
    this.retryAfterSeconds = Math.ceil(seconds)
  }

  /** True for refusals made by any copy of this package (a brand, not the class identity). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value
  }

  /** The brand `instanceof` checks for: present on refusals made by any copy of this package. */
  get [BRAND](): true {
    return true
  }
}
