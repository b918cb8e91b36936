import { requireFunction } from './internal/validate.js'
import type { Stage } from './types.js'

/**
 * Calls `fn` with each value for its side effect (logging, metrics) and passes the value on
 * unchanged. An async `fn` is awaited before the value moves on; if it throws, the stream errors.
 *
 * @example
 * ```ts
 * const logged = pipe(server.events(), tap((e) => console.log(e.category, e.clientIp)))
 * ```
 */
export function tap<T>(fn: (value: T, index: number) => unknown): Stage<T, T> {
  requireFunction('tap', 'fn', fn)
  return async function* tapStage(source) {
    let index = 0
    for await (const value of source) {
      await fn(value, index++)
      yield value
    }
  }
}
