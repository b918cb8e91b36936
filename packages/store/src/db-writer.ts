import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { OpResult, WriteOp, WriterReply, WriterRequest } from './write-ops.js'

/** The worker's script: beside this module once built; from `dist` when running the sources. */
function workerScript(): URL {
  const beside = new URL('./commit-worker.js', import.meta.url)
  return existsSync(fileURLToPath(beside))
    ? beside
    : new URL('../dist/commit-worker.js', import.meta.url)
}

/** A rolled-back batch, with SQLite's code (`SQLITE_FULL`, `SQLITE_READONLY`, …). */
export class CommitError extends Error {
  readonly code: string | undefined

  constructor(message: string, code: string | undefined) {
    super(message)
    this.name = 'CommitError'
    this.code = code
  }
}

/**
 * The main thread's side of the writer thread: sends batches, settles each with its results.
 * The thread holds the process open only while a batch is under way; if it dies, the batches
 * it held fail and the next one starts a new thread.
 */
export class DbWriter {
  readonly #path: string
  readonly #synchronous: 'full' | 'normal'
  #worker: Worker | null = null
  readonly #pending = new Map<
    number,
    { resolve: (r: OpResult[]) => void; reject: (e: Error) => void }
  >()
  #nextId = 1

  constructor(path: string, synchronous: 'full' | 'normal') {
    this.#path = path
    this.#synchronous = synchronous
  }

  /** Applies `ops` in one transaction; resolves once it is committed. */
  run(ops: WriteOp[]): Promise<OpResult[]> {
    const worker = this.#worker ?? this.#start()
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ id, ops } satisfies WriterRequest)
    })
  }

  /** Closes the thread's connection and waits for it to end. */
  async close(): Promise<void> {
    const worker = this.#worker
    if (worker === null) return
    this.#worker = null
    const exited = once(worker, 'exit')
    // An unref'd thread would let the process end before its 'exit' arrives, leaving close()
    // (and whoever awaits it) unresolved: hold the loop open until the thread has ended.
    worker.ref()
    worker.postMessage({ close: true } satisfies WriterRequest)
    await exited
  }

  #start(): Worker {
    const worker = new Worker(workerScript(), {
      workerData: { path: this.#path, synchronous: this.#synchronous },
    })
    worker.unref()
    worker.on('message', (reply: WriterReply) => {
      const pending = this.#pending.get(reply.id)
      this.#pending.delete(reply.id)
      if (this.#pending.size === 0) worker.unref()
      if (pending === undefined) return
      if ('error' in reply) pending.reject(new CommitError(reply.error.message, reply.error.code))
      else pending.resolve(reply.results)
    })
    const fail = (error: Error): void => {
      if (this.#worker === worker) this.#worker = null
      for (const pending of this.#pending.values()) pending.reject(error)
      this.#pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (this.#pending.size > 0) fail(new Error(`the store's writer thread exited (code ${code})`))
      else if (this.#worker === worker) this.#worker = null
    })
    this.#worker = worker
    return worker
  }
}
