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
  readonly #beforeCommit: () => Promise<void>
  #queue: Pending<unknown>[] = []
  #scheduled = false
  #flushing: Promise<void> | null = null
  readonly stats: CommitStats = { commits: 0, writes: 0, failed: 0 }

  /**
   * @param transaction runs `work` in one transaction and commits it
   * @param beforeCommit made durable what the batch's rows will name (the image folders); runs
   *   after the batch is taken, so writes arriving meanwhile wait for the next commit
   */
  constructor(transaction: (work: () => void) => void, beforeCommit: () => Promise<void>) {
    this.#transaction = transaction
    this.#beforeCommit = beforeCommit
  }

  /** Queues `run` for the next commit; resolves with its result once committed. */
  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve, reject } as Pending<unknown>)
      this.#kick()
    })
  }

  /** Resolves once no commit is under way or queued. */
  async idle(): Promise<void> {
    while (this.#flushing !== null || this.#queue.length > 0) {
      await (this.#flushing ?? new Promise((resolve) => setImmediate(resolve)))
    }
  }

  #kick(): void {
    if (this.#scheduled || this.#flushing !== null || this.#queue.length === 0) return
    this.#scheduled = true
    // Let every post whose images finished in this turn join the batch.
    setImmediate(() => {
      this.#scheduled = false
      this.#flushing = this.#flush().finally(() => {
        this.#flushing = null
        this.#kick()
      })
    })
  }

  async #flush(): Promise<void> {
    const batch = this.#queue
    this.#queue = []
    const results: unknown[] = []
    try {
      await this.#beforeCommit()
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
