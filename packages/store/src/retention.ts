import type Database from 'better-sqlite3'
import type { ImageFiles } from './image-files.js'

/** Events removed per transaction, so a run never holds the writer for long. */
const BATCH = 500
const DAY_MS = 86_400_000

/** What retention has removed since the store was opened. */
export interface RetentionStats {
  /** Completed runs. */
  runs: number
  removedEvents: number
  removedImages: number
  /** Bytes of image files removed. */
  removedBytes: number
  /** Alarm status and presence rows removed by age. */
  removedStatusRows: number
  lastRunAt: Date | null
  /** Why the last run stopped early; `null` when it completed. */
  lastError: string | null
}

/** The parts of the store retention works on. */
export interface RetentionTarget {
  db: Database.Database
  files: ImageFiles
  /** Bytes the database pages in use and the image files take together. */
  usedBytes: () => number
  /** Events held now. */
  eventCount: () => number
  /** Called after each committed batch with what it removed. */
  removed: (events: number, imageBytes: number) => void
}

/**
 * Removes the oldest events (rows first, then their files) beyond an age or a byte budget, in
 * batches of {@link BATCH} with a turn of the event loop between them, so posts keep flowing.
 * A crash between a batch's commit and its file removal leaves files without rows, which the
 * next open removes.
 */
export class Retention {
  readonly #target: RetentionTarget
  readonly #days: number | null
  readonly #maxBytes: number | null
  readonly #oldest: Database.Statement
  readonly #olderThan: Database.Statement
  readonly #imagesOf: Database.Statement
  readonly #deleteTrigrams: Database.Statement
  readonly #deleteEvents: Database.Statement
  readonly #deleteStatus: Database.Statement
  readonly #deletePresence: Database.Statement
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null
  #closed = false
  readonly stats: RetentionStats = {
    runs: 0,
    removedEvents: 0,
    removedImages: 0,
    removedBytes: 0,
    removedStatusRows: 0,
    lastRunAt: null,
    lastError: null,
  }

  constructor(target: RetentionTarget, days: number | null, maxBytes: number | null) {
    this.#target = target
    this.#days = days
    this.#maxBytes = maxBytes
    const { db } = target
    this.#oldest = db.prepare('SELECT id FROM events ORDER BY received_at, id LIMIT ?')
    this.#olderThan = db.prepare(
      'SELECT id FROM events WHERE received_at < ? ORDER BY received_at, id LIMIT ?',
    )
    this.#imagesOf = db.prepare(
      'SELECT file, bytes FROM images WHERE event_id IN (SELECT value FROM json_each(?))',
    )
    this.#deleteTrigrams = db.prepare(
      'DELETE FROM plate_trigrams WHERE rowid IN (SELECT value FROM json_each(?))',
    )
    this.#deleteEvents = db.prepare(
      'DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))',
    )
    this.#deleteStatus = db.prepare('DELETE FROM alarm_status WHERE received_at < ?')
    this.#deletePresence = db.prepare('DELETE FROM presence WHERE at < ?')
  }

  /** True when there is any limit to keep. */
  get enabled(): boolean {
    return this.#days !== null || this.#maxBytes !== null
  }

  /** Runs now and then every `intervalMs` (the timer does not keep the process alive). */
  start(intervalMs: number): void {
    if (!this.enabled) return
    void this.run()
    this.#timer = setInterval(() => void this.run(), intervalMs)
    this.#timer.unref()
  }

  /** Runs unless a run is under way (then waits for that one). */
  run(): Promise<void> {
    if (this.#running === null) {
      this.#running = this.#run().finally(() => {
        this.#running = null
      })
    }
    return this.#running
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    this.#closed = true
    if (this.#timer !== null) clearInterval(this.#timer)
    await this.#running
  }

  async #run(): Promise<void> {
    try {
      if (this.#days !== null) {
        const cutoff = Date.now() - this.#days * DAY_MS
        while (!this.#closed && (await this.#removeBatch(this.#olderThan, [cutoff, BATCH]))) {}
        const statusRows = this.#target.db.transaction(
          () => this.#deleteStatus.run(cutoff).changes + this.#deletePresence.run(cutoff).changes,
        )()
        this.stats.removedStatusRows += statusRows
      }
      if (this.#maxBytes !== null) {
        while (!this.#closed && this.#target.usedBytes() > this.#maxBytes) {
          if (!(await this.#removeBatch(this.#oldest, [this.#batchForBytes()]))) break
        }
      }
      this.stats.lastError = null
    } catch (error) {
      // A full or read-only disk can stop a delete too; the next run tries again.
      this.stats.lastError = error instanceof Error ? error.message : String(error)
    }
    this.stats.runs++
    this.stats.lastRunAt = new Date()
  }

  /** Fewer events per batch when little is over budget, so the budget is not undershot by much. */
  #batchForBytes(): number {
    const over = this.#target.usedBytes() - (this.#maxBytes ?? 0)
    const count = this.#target.eventCount()
    if (count === 0) return 1
    const perEvent = Math.max(1, this.#target.usedBytes() / count)
    return Math.max(1, Math.min(BATCH, Math.ceil(over / perEvent)))
  }

  /** Removes one batch; false when there was nothing to remove. */
  async #removeBatch(select: Database.Statement, args: unknown[]): Promise<boolean> {
    const { db, files } = this.#target
    let removed: { file: string; bytes: number }[] = []
    let count = 0
    db.transaction(() => {
      const ids = JSON.stringify((select.all(...args) as { id: number }[]).map((row) => row.id))
      removed = this.#imagesOf.all(ids) as { file: string; bytes: number }[]
      this.#deleteTrigrams.run(ids)
      count = this.#deleteEvents.run(ids).changes
    }).immediate()
    if (count === 0) return false
    const bytes = removed.reduce((sum, image) => sum + image.bytes, 0)
    this.#target.removed(count, bytes)
    this.stats.removedEvents += count
    this.stats.removedImages += removed.length
    this.stats.removedBytes += bytes
    await files.remove(removed.map((image) => image.file))
    // Give queued posts their turn before the next batch.
    await new Promise((resolve) => setImmediate(resolve))
    return true
  }
}
