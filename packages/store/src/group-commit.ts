import type { OpResult, WriteOp } from './write-ops.js'

/** One write waiting for a commit; settles once the commit holding it is durable. */
interface Pending {
  op: WriteOp
  resolve: (value: OpResult) => void
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
  readonly #commit: (ops: WriteOp[]) => Promise<OpResult[]>
  readonly #beforeCommit: () => Promise<void>
  #queue: Pending[] = []
  #scheduled = false
  #flushing: Promise<void> | null = null
  readonly stats: CommitStats = { commits: 0, writes: 0, failed: 0 }

  /**
   * @param commit applies the ops in one transaction and resolves once it is committed
   * @param beforeCommit makes durable what the batch's rows will name (the image folders); runs
   *   after the batch is taken, so writes arriving meanwhile wait for the next commit
   */
  constructor(commit: (ops: WriteOp[]) => Promise<OpResult[]>, beforeCommit: () => Promise<void>) {
    this.#commit = commit
    this.#beforeCommit = beforeCommit
  }

  /** Queues `op` for the next commit; resolves with its result once committed. */
  write(op: WriteOp): Promise<OpResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, resolve, reject })
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
    let results: OpResult[]
    try {
      await this.#beforeCommit()
      results = await this.#commit(batch.map((item) => item.op))
    } catch (error) {
      this.stats.failed++
      for (const item of batch) item.reject(error)
      return
    }
    this.stats.commits++
    this.stats.writes += batch.length
    batch.forEach((item, index) => void item.resolve(results[index] as OpResult))
  }
}
