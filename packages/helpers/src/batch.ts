import { Puller } from './internal/puller.js'
import { requireDuration, requireInteger, requireObject } from './internal/validate.js'
import { Wakeup } from './internal/wakeup.js'

/** Options for {@link batch}. */
export interface BatchOptions {
  /** Most values in one batch; a full batch is emitted at once. */
  size: number
  /**
   * Longest time, in milliseconds, the first value of a batch waits: a partial batch is emitted
   * when it elapses, even if the source is idle. Omit it to emit only full batches (and the rest
   * at the end).
   */
  maxWaitMs?: number
}

/**
 * Groups values into arrays for bulk writes. A batch is emitted when it holds `size` values,
 * when `maxWaitMs` has passed since its first value, or when the source ends (never empty). If
 * the source fails, the values already read come out as a last batch, then the error.
 *
 * Read-ahead: by design a batch holds up to `size - 1` values before the consumer sees them, and
 * while `maxWaitMs` runs one pull may be outstanding on the source. The timer is cleared when
 * the stream ends or is left.
 *
 * @throws RangeError unless `size` is an integer ≥ 1 and `maxWaitMs` (if given) finite and > 0.
 * @example
 * ```ts
 * for await (const rows of pipe(server.events(), byCategory('lpr'), batch({ size: 100, maxWaitMs: 2000 }))) {
 *   await db.insertMany(rows.map((e) => ({ plate: e.plateNumber, at: e.receivedAt })))
 * }
 * ```
 */
export function batch(options: BatchOptions): <T>(source: AsyncIterable<T>) => AsyncIterable<T[]> {
  requireObject('batch', 'options', options)
  const { size, maxWaitMs } = options
  requireInteger('batch', 'size', size, 1)
  if (maxWaitMs !== undefined) requireDuration('batch', 'maxWaitMs', maxWaitMs)

  return async function* batchStage<T>(source: AsyncIterable<T>) {
    const puller = new Puller(source)
    const wakeup = new Wakeup()
    let buffer: T[] = []
    let timer: NodeJS.Timeout | undefined
    let due = false

    const flush = (): T[] => {
      clearTimeout(timer)
      timer = undefined
      due = false
      const out = buffer
      buffer = []
      return out
    }

    try {
      while (true) {
        if (buffer.length >= size || (due && buffer.length > 0)) {
          yield flush()
          continue
        }
        // Race the pull against the timer only while a partial batch is waiting.
        let result: IteratorResult<T> | undefined
        try {
          result = await (timer === undefined
            ? puller.next()
            : Promise.race([puller.next(), wakeup.wait()]))
        } catch (error) {
          // Values already read are not lost with the source: they come out before the error.
          if (buffer.length > 0) yield flush()
          throw error
        }
        if (result === undefined) continue
        puller.taken()
        if (result.done) break
        buffer.push(result.value)
        if (buffer.length === 1 && maxWaitMs !== undefined && size > 1) {
          timer = setTimeout(() => {
            due = true
            wakeup.wake()
          }, maxWaitMs)
        }
      }
      if (buffer.length > 0) yield flush()
    } finally {
      clearTimeout(timer)
      await puller.close()
    }
  }
}
