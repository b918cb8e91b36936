/** Thrown by {@link InflightGate.acquire} when its deadline passed or its signal aborted. */
export class GateClosed extends Error {
  constructor() {
    super('no room in flight before the deadline')
    this.name = 'GateClosed'
  }
}

interface Waiter {
  grant: () => void
}

/**
 * Bounds the QoS 1 publishes waiting for their PUBACK to what the broker accepts at once (its
 * MQTT v5 Receive Maximum, sent in CONNACK). mqtt.js does not count them, and a broker may drop
 * a client that sends more. First come, first served.
 */
export class InflightGate {
  #limit: number
  #used = 0
  readonly #waiters: Waiter[] = []

  constructor(limit = 65_535) {
    this.#limit = limit
  }

  get limit(): number {
    return this.#limit
  }

  get used(): number {
    return this.#used
  }

  /** The broker announced another maximum (a reconnect may change it). */
  setLimit(limit: number): void {
    this.#limit = Math.max(1, limit)
    this.#admit()
  }

  /**
   * Takes one place; resolves with its release (call it once the PUBACK came or the message was
   * given up). Rejects with {@link GateClosed} at `deadline` or when `signal` aborts.
   */
  acquire(deadline = Number.POSITIVE_INFINITY, signal?: AbortSignal): Promise<() => void> {
    if (this.#waiters.length === 0 && this.#used < this.#limit) return Promise.resolve(this.#take())
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const forget = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', giveUp)
        const index = this.#waiters.indexOf(waiter)
        if (index !== -1) this.#waiters.splice(index, 1)
      }
      const waiter: Waiter = {
        grant: () => {
          forget()
          resolve(this.#take())
        },
      }
      function giveUp(): void {
        forget()
        reject(new GateClosed())
      }
      if (signal?.aborted) return reject(new GateClosed())
      if (Number.isFinite(deadline)) timer = setTimeout(giveUp, Math.max(0, deadline - Date.now()))
      signal?.addEventListener('abort', giveUp, { once: true })
      this.#waiters.push(waiter)
    })
  }

  #take(): () => void {
    this.#used++
    let released = false
    return () => {
      if (released) return
      released = true
      this.#used--
      this.#admit()
    }
  }

  #admit(): void {
    while (this.#waiters.length > 0 && this.#used < this.#limit) {
      ;(this.#waiters[0] as Waiter).grant()
    }
  }
}
