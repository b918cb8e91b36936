/** One write waiting for a commit: runs inside the transaction, settles once it is durable. */
interface Pending<T> {
  run: () => T
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

/** Commit counts, for `stats()`. */
export interface CommitStats {
  /** Transactions committed (each one WAL fsync with `synchronous: 'full'`). */
  commits: number
  /** Writes committed. */
  writes: number
  /** Transactions that failed and were rolled back. */
  failed: number
}

/**
 * Group commit: writes that arrive while one commit is being made wait and go into the next
 * one, so N posts arriving together cost one transaction and one fsync, not N. Each `write`
 * settles only once the transaction holding it has committed (or failed).
 */
export class GroupCommit {
  readonly #transaction: (work: () => void) => void
  #queue: Pending<unknown>[] = []
  #scheduled = false
  readonly stats: CommitStats = { commits: 0, writes: 0, failed: 0 }

  constructor(transaction: (work: () => void) => void) {
    this.#transaction = transaction
  }

  /** Pending writes not yet committed. */
  get pending(): number {
    return this.#queue.length
  }

  /** Queues `run` for the next commit; resolves with its result once committed. */
  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve, reject } as Pending<unknown>)
      if (!this.#scheduled) {
        this.#scheduled = true
        // Let every post whose images finished in this turn join the batch.
        setImmediate(() => this.#flush())
      }
    })
  }

  #flush(): void {
    const batch = this.#queue
    this.#queue = []
    this.#scheduled = false
    if (batch.length === 0) return
    const results: unknown[] = []
    try {
      this.#transaction(() => {
        for (const item of batch) results.push(item.run())
      })
    } catch (error) {
      this.stats.failed++
      for (const item of batch) item.reject(error)
      return
    }
    this.stats.commits++
    this.stats.writes += batch.length
    batch.forEach((item, index) => void item.resolve(results[index]))
  }
}
