import { Puller } from './internal/puller.js'
import { Wakeup } from './internal/wakeup.js'
import type { FilterStage } from './types.js'

/**
 * Ends the stream when `signal` aborts, even while the source is idle, and returns the source.
 * Use it to stop a `for await` loop on shutdown. No read-ahead: it pulls only when asked.
 *
 * @throws TypeError unless `signal` is an AbortSignal.
 * @example
 * ```ts
 * const stop = new AbortController()
 * process.once('SIGTERM', () => stop.abort())
 * for await (const event of pipe(server.events(), takeUntil(stop.signal))) await handle(event)
 * ```
 */
export function takeUntil(signal: AbortSignal): FilterStage {
  if (!(signal instanceof AbortSignal)) {
    throw new TypeError('takeUntil: signal must be an AbortSignal')
  }
  return async function* takeUntilStage<E>(source: AsyncIterable<E>) {
    if (signal.aborted) return
    const puller = new Puller(source)
    const wakeup = new Wakeup()
    const onAbort = (): void => wakeup.wake()
    signal.addEventListener('abort', onAbort)
    try {
      while (!signal.aborted) {
        const result = await Promise.race([puller.next(), wakeup.wait()])
        if (result === undefined) continue
        puller.taken()
        if (result.done) return
        yield result.value
      }
    } finally {
      signal.removeEventListener('abort', onAbort)
      await puller.close()
    }
  }
}
