import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImageMode } from '../types.js'
import { countingWriter } from './counting-image-writer.js'
import { syncDirectory, syncDirectorySync } from './durable-write.js'
import { fileWriterAsync, fileWriterSync } from './file-image-writers.js'
import type { ImageWriter, WriterHost } from './image-writer.js'
import { ParseStop } from './limit-error.js'
import { memoryWriter } from './memory-image-writer.js'

/**
 * Creates one {@link ImageWriter} per image and owns what they leave behind, so a body that fails
 * half way can remove every file it wrote.
 */
export class ImageStore implements WriterHost {
  readonly #mode: ImageMode
  /** `maxImageBytes`. */
  readonly maxBytes: number
  readonly #sync: boolean
  readonly #files: string[] = []
  /** Files kept complete (and fsynced) for the event. */
  #kept = 0
  /** File work still in flight; every entry settles (errors are caught in the chain). */
  readonly #io = new Set<Promise<void>>()
  #errors: Error[] = []

  constructor(mode: ImageMode, maxBytes: number, sync: boolean) {
    this.#mode = mode
    this.maxBytes = maxBytes
    this.#sync = sync
  }

  /** File-system errors met while saving images (the images say which). */
  get errors(): readonly Error[] {
    return this.#errors
  }

  readonly #open = new Set<ImageWriter>()

  /** @param hint - expected decoded size (from the declared base64 length), or 0. */
  open(hint = 0): ImageWriter {
    let writer: ImageWriter
    if (this.#mode === 'memory') writer = memoryWriter(this, hint)
    else if (this.#mode === 'discard') writer = countingWriter(this)
    else
      writer = this.#sync
        ? fileWriterSync(this, this.#mode.dir)
        : fileWriterAsync(this, this.#mode.dir)
    if (typeof this.#mode === 'object') {
      this.#open.add(writer)
      const finish = writer.finish
      writer.finish = (invalid) => {
        this.#open.delete(writer)
        return finish(invalid)
      }
    }
    return writer
  }

  /**
   * Resolves when every write issued so far is on disk (or failed); `null` when none is pending.
   * Each call covers all work still in flight, so a caller that stopped awaiting an earlier
   * `idle()` cannot make a later one return early.
   */
  idle(): Promise<void> | null {
    if (this.#io.size === 0) return null
    return Promise.all(this.#io).then(() => undefined)
  }

  /** Tracks file work in flight, for {@link idle}; `work` must settle. */
  track(work: Promise<void>): void {
    this.#io.add(work)
    const forget = (): void => {
      this.#io.delete(work)
    }
    // A rejection here is already recorded on the image; unhandled, it would end the process.
    void work.then(forget, forget)
  }

  /** Removes every file written for this body (the body failed, so no event will point at them). */
  async discardFiles(): Promise<void> {
    await Promise.all([...this.#open].map((writer) => writer.abort()))
    this.#open.clear()
    await this.idle()
    await Promise.all(this.#files.map((file) => rm(file, { force: true })))
  }

  /**
   * Makes the kept files' directory entries durable too (a file fsynced but not yet linked in its
   * directory can vanish in a crash): one directory fsync per body, after its files are synced.
   * A failure is added to {@link errors}; the files themselves are complete.
   */
  async syncDirectory(): Promise<void> {
    if (typeof this.#mode !== 'object' || this.#kept === 0) return
    const error = await syncDirectory(this.#mode.dir)
    if (error !== null) this.#errors.push(error)
  }

  /** Synchronous twin of {@link syncDirectory}, for `parseEvent`. */
  syncDirectorySync(): void {
    if (typeof this.#mode !== 'object' || this.#kept === 0) return
    const error = syncDirectorySync(this.#mode.dir)
    if (error !== null) this.#errors.push(error)
  }

  /** Synchronous twin of {@link discardFiles}, for `parseEvent`. */
  discardFilesSync(): void {
    for (const writer of this.#open) void writer.abort()
    this.#open.clear()
    for (const file of this.#files) rmSync(file, { force: true })
  }

  /** A new file in `dir`, remembered so a failed body can remove it. */
  newPath(dir: string): string {
    const path = join(dir, `${Date.now()}-${randomUUID()}.jpg`)
    this.#files.push(path)
    return path
  }

  /** Stops the parse once an image's decoded size passes `maxImageBytes`. */
  limit(total: number): void {
    if (total > this.maxBytes) {
      throw new ParseStop('limit', `an image exceeds maxImageBytes (${this.maxBytes} bytes)`)
    }
  }

  /** Records a file-system error (the image says which). */
  failed(error: Error): void {
    this.#errors.push(error)
  }

  /** Counts a file kept complete (and fsynced) for the event. */
  kept(): void {
    this.#kept++
  }
}
