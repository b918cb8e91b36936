/** Thrown by {@link PendingBudget.acquire} when no room came before the deadline. */
export class BudgetTimeout extends Error {
  constructor() {
    super('no room for the event before the broker timeout')
    this.name = 'BudgetTimeout'
  }
}

interface Waiter {
  bytes: number
  grant: () => void
  timer: NodeJS.Timeout
}

/**
 * Bounds the events (and their bytes) waiting for the broker. A post that finds no room waits,
 * first come first served, until room frees up or its deadline passes. One event larger than
 * `maxBytes` is admitted alone, so it cannot wait forever.
 */
export class PendingBudget {
  #events = 0
  #bytes = 0
  readonly #waiters: Waiter[] = []

  constructor(
    readonly maxEvents: number,
    readonly maxBytes: number,
  ) {}

  get events(): number {
    return this.#events
  }

  get bytes(): number {
    return this.#bytes
  }

  /**
   * Takes room for one event of `bytes`; resolves with its release, or rejects with
   * {@link BudgetTimeout} at the deadline or as soon as `stop` aborts (the bridge is closing).
   */
  acquire(bytes: number, deadline: number, stop?: AbortSignal): Promise<() => void> {
    if (stop?.aborted) return Promise.reject(new BudgetTimeout())
    if (this.#waiters.length === 0 && this.#fits(bytes)) return Promise.resolve(this.#take(bytes))
    return new Promise((resolve, reject) => {
      const giveUp = (): void => {
        clearTimeout(waiter.timer)
        stop?.removeEventListener('abort', giveUp)
        const index = this.#waiters.indexOf(waiter)
        if (index === -1) return
        this.#waiters.splice(index, 1)
        reject(new BudgetTimeout())
        this.#admit()
      }
      const waiter: Waiter = {
        bytes,
        grant: () => {
          stop?.removeEventListener('abort', giveUp)
          resolve(this.#take(bytes))
        },
        timer: setTimeout(giveUp, Math.max(0, deadline - Date.now())),
      }
      stop?.addEventListener('abort', giveUp, { once: true })
      this.#waiters.push(waiter)
    })
  }

  #fits(bytes: number): boolean {
    if (this.#events === 0) return true
    return this.#events < this.maxEvents && this.#bytes + bytes <= this.maxBytes
  }

  #take(bytes: number): () => void {
    this.#events++
    this.#bytes += bytes
    let released = false
    return () => {
      if (released) return
      released = true
      this.#events--
      this.#bytes -= bytes
      this.#admit()
    }
  }

  #admit(): void {
    while (this.#waiters.length > 0) {
      const first = this.#waiters[0] as Waiter
      if (!this.#fits(first.bytes)) return
      this.#waiters.shift()
      clearTimeout(first.timer)
      first.grant()
    }
  }
}
