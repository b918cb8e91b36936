import type { ImageFiles } from './image-files.js'
import type { Expired } from './write-ops.js'

/** Events removed per transaction, so a run never holds the writer for long. */
const BATCH = 500
const DAY_MS = 86_400_000

/** What retention has removed since the store was opened. */
export interface RetentionStats {
  /** Completed runs. */
  runs: number
  /** Events removed, by age or to stay within the size budget. */
  removedEvents: number
  /** Image files removed with their events. */
  removedImages: number
  /** Bytes of image files removed. */
  removedBytes: number
  /** Alarm status and presence rows removed by age. */
  removedStatusRows: number
  /** When the last run finished; `null` before the first. */
  lastRunAt: Date | null
  /** Why the last run stopped early; `null` when it completed. */
  lastError: string | null
}

/** Nothing removed yet. */
export function emptyRetentionStats(): RetentionStats {
  return {
    runs: 0,
    removedEvents: 0,
    removedImages: 0,
    removedBytes: 0,
    removedStatusRows: 0,
    lastRunAt: null,
    lastError: null,
  }
}

/** The parts of the store retention works on. */
export interface RetentionTarget {
  /** Removes up to `limit` oldest events (received before `before`, when set), in one commit. */
  expire: (before: number | null, limit: number) => Promise<Expired>
  /** Removes alarm status and presence rows older than `before`; resolves with how many. */
  expireStatus: (before: number) => Promise<number>
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
 * batches of {@link BATCH}, each committed by the writer thread in turn with the posts,
 * so posts keep flowing.
 * A crash between a batch's commit and its file removal leaves files without rows, which the
 * next open removes.
 */
export class Retention {
  readonly #target: RetentionTarget
  readonly #days: number | null
  readonly #maxBytes: number | null
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null
  #closed = false
  readonly stats: RetentionStats = emptyRetentionStats()

  constructor(target: RetentionTarget, days: number | null, maxBytes: number | null) {
    this.#target = target
    this.#days = days
    this.#maxBytes = maxBytes
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
        while (!this.#closed && (await this.#removeBatch(cutoff, BATCH))) {}
        this.stats.removedStatusRows += await this.#target.expireStatus(cutoff)
      }
      if (this.#maxBytes !== null) {
        while (!this.#closed && this.#target.usedBytes() > this.#maxBytes) {
          if (!(await this.#removeBatch(null, this.#batchForBytes()))) break
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
  async #removeBatch(before: number | null, limit: number): Promise<boolean> {
    const { count, images } = await this.#target.expire(before, limit)
    if (count === 0) return false
    const bytes = images.reduce((sum, image) => sum + image.bytes, 0)
    this.#target.removed(count, bytes)
    this.stats.removedEvents += count
    this.stats.removedImages += images.length
    this.stats.removedBytes += bytes
    // Rows first, then files: a crash in between leaves files the next open removes.
    await this.#target.files.remove(images.map((image) => image.file))
    return true
  }
}
