/** What a test source saw its consumer do. */
export interface SourceStats {
  /** `next()` calls. */
  pulls: number
  /** `return()` calls. */
  returns: number
  /** Values handed out. */
  yielded: number
}

/** An async iterable that counts pulls and returns, so tests can see how far a stage read. */
export interface Instrumented<T> extends AsyncIterable<T> {
  readonly stats: SourceStats
}

/**
 * A source over `values` (endless when `values` is a function of the index). It throws `error` on
 * the pull at index `failAt`. After `return()` it is done.
 */
export function fromValues<T>(
  values: readonly T[] | ((index: number) => T),
  options: { failAt?: number; error?: unknown } = {},
): Instrumented<T> {
  const stats: SourceStats = { pulls: 0, returns: 0, yielded: 0 }
  const length = typeof values === 'function' ? Number.POSITIVE_INFINITY : values.length
  const at = (index: number): T => (typeof values === 'function' ? values(index) : values[index]!)
  let used = false
  return {
    stats,
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (used) throw new Error('test source iterated twice')
      used = true
      let index = 0
      let closed = false
      return {
        async next() {
          stats.pulls++
          if (closed || index >= length) return { done: true, value: undefined }
          if (index === options.failAt) {
            closed = true
            throw options.error ?? new Error(`source failed at ${index}`)
          }
          stats.yielded++
          return { done: false, value: at(index++) }
        },
        async return() {
          stats.returns++
          closed = true
          return { done: true, value: undefined }
        },
      }
    },
  }
}

/** A source the test feeds by hand; a pull waits until something is pushed (like a server). */
export interface Controlled<T> extends Instrumented<T> {
  push(...values: T[]): void
  end(): void
  fail(error: unknown): void
  /** A `next()` is waiting for a value. */
  readonly waiting: boolean
}

export function controlled<T>(): Controlled<T> {
  const stats: SourceStats = { pulls: 0, returns: 0, yielded: 0 }
  const queue: IteratorResult<T>[] = []
  let failure: { error: unknown } | undefined
  let closed = false
  let waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined

  const settle = (): void => {
    if (waiter === undefined) return
    const { resolve, reject } = waiter
    if (closed) {
      waiter = undefined
      resolve({ done: true, value: undefined })
    } else if (queue.length > 0) {
      waiter = undefined
      const next = queue.shift()!
      if (!next.done) stats.yielded++
      resolve(next)
    } else if (failure !== undefined) {
      waiter = undefined
      closed = true
      reject(failure.error)
    }
  }

  const iterator: AsyncIterator<T> = {
    next() {
      stats.pulls++
      if (waiter !== undefined) throw new Error('controlled source: overlapping next()')
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject }
        settle()
      })
    },
    async return() {
      stats.returns++
      closed = true
      queue.length = 0
      settle()
      return { done: true, value: undefined }
    },
  }
  return {
    stats,
    get waiting() {
      return waiter !== undefined
    },
    push(...values) {
      for (const value of values) queue.push({ done: false, value })
      settle()
    },
    end() {
      queue.push({ done: true, value: undefined })
      settle()
    },
    fail(error) {
      failure = { error }
      settle()
    },
    [Symbol.asyncIterator]: () => iterator,
  }
}

/** Reads a stream to the end. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const value of source) out.push(value)
  return out
}

/** Lets pending promise callbacks run (works under fake timers, which leave microtasks alone). */
export async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}
