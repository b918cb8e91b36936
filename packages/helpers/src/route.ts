import type { EventCategory, ViewtronEvent } from '@viewtron/core'
import { EVENT_CATEGORIES } from './internal/categories.js'
import { Puller } from './internal/puller.js'
import {
  requireAsyncIterable,
  requireFunction,
  requireInteger,
  requireObject,
} from './internal/validate.js'
import { Wakeup } from './internal/wakeup.js'

/**
 * One handler per event category, plus `default` for categories without their own. Each handler
 * gets its category's event type. Events with no handler are skipped.
 */
export type RouteHandlers<E extends ViewtronEvent = ViewtronEvent> = {
  [C in E['category']]?: (event: Extract<E, { category: C }>) => unknown
} & {
  /** Handles events whose category has no handler of its own. */
  default?: (event: E) => unknown
}

/** Options for {@link route}. */
export interface RouteOptions<E extends ViewtronEvent = ViewtronEvent> {
  /**
   * Most handlers running at once. With 1, events are handled one after another in order.
   * @default 1
   */
  concurrency?: number
  /** Stops routing: no more events are pulled, running handlers finish, the promise resolves. */
  signal?: AbortSignal
  /**
   * Called when a handler throws or rejects; routing goes on. Without it, the error stops
   * routing and the promise rejects with it. If `onError` itself throws, routing stops with that.
   */
  onError?: (error: unknown, event: E) => unknown
}

/**
 * Consumes `source`, handing each event to the handler for its category and awaiting it. At most
 * `concurrency` handlers run at once; the next event is pulled only when one is free.
 *
 * The promise resolves when the source ends (or `signal` aborts) and every running handler has
 * settled, and rejects with the first handler error (unless `onError` is given) or source error,
 * after running handlers have settled. The source is returned whenever routing stops before it
 * ends.
 *
 * @throws TypeError (synchronously) for a bad source, an unknown handler key, a handler that is not
 * a function, or a bad option; RangeError unless `concurrency` is an integer ≥ 1.
 * @example
 * ```ts
 * await route(server.events(), {
 *   lpr: (e) => openGateIfAllowed(e.plateNumber),
 *   intrusion: (e) => notify(`Intrusion at ${e.device.name}`),
 *   traject: () => {},
 *   default: (e) => console.log('unhandled', e.category),
 * }, { concurrency: 4, signal: shutdown.signal })
 * ```
 */
export function route<E extends ViewtronEvent>(
  source: AsyncIterable<E>,
  handlers: RouteHandlers<E>,
  options: RouteOptions<E> = {},
): Promise<void> {
  requireAsyncIterable('route', 'source', source)
  requireObject('route', 'handlers', handlers)
  for (const [name, handler] of Object.entries(handlers)) {
    if (name !== 'default' && !EVENT_CATEGORIES.has(name)) {
      throw new TypeError(
        `route: unknown handler "${name}" (expected an event category or default)`,
      )
    }
    if (handler !== undefined) requireFunction('route', `handlers.${name}`, handler)
  }
  requireObject('route', 'options', options)
  const { concurrency = 1, signal, onError } = options
  requireInteger('route', 'concurrency', concurrency, 1)
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError('route: signal must be an AbortSignal')
  }
  if (onError !== undefined) requireFunction('route', 'onError', onError)
  const byCategory = handlers as Partial<Record<EventCategory | 'default', (event: E) => unknown>>
  return run(source, byCategory, concurrency, signal, onError)
}

async function run<E extends ViewtronEvent>(
  source: AsyncIterable<E>,
  handlers: Partial<Record<EventCategory | 'default', (event: E) => unknown>>,
  concurrency: number,
  signal: AbortSignal | undefined,
  onError: ((error: unknown, event: E) => unknown) | undefined,
): Promise<void> {
  if (signal?.aborted) return
  const puller = new Puller(source)
  const wakeup = new Wakeup()
  const running = new Set<Promise<void>>()
  let failure: { error: unknown } | undefined

  const handle = (event: E, handler: (event: E) => unknown): void => {
    const task = (async () => {
      try {
        await handler(event)
      } catch (error) {
        if (onError === undefined) {
          failure ??= { error }
          return
        }
        try {
          await onError(error, event)
        } catch (secondError) {
          failure ??= { error: secondError }
        }
      }
    })()
    running.add(task)
    void task.then(() => {
      running.delete(task)
      wakeup.wake()
    })
  }

  const onAbort = (): void => wakeup.wake()
  signal?.addEventListener('abort', onAbort)
  try {
    while (failure === undefined && !signal?.aborted) {
      if (running.size >= concurrency) {
        await wakeup.wait()
        continue
      }
      // Wakes on abort, or on a handler finishing (which may have failed), while the source idles.
      const result = await Promise.race([puller.next(), wakeup.wait()])
      if (result === undefined) continue
      puller.taken()
      if (result.done) break
      const event = result.value
      const handler = handlers[event.category] ?? handlers.default
      if (handler !== undefined) handle(event, handler)
    }
  } catch (error) {
    failure ??= { error }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await Promise.allSettled(running)
  }
  try {
    await puller.close()
  } catch (error) {
    failure ??= { error }
  }
  if (failure !== undefined) throw failure.error
}
