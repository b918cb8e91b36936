import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs'
import { type FileHandle, open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoredImage } from '../event-image.js'
import type { ImageMode } from '../types.js'
import type { DecodedSink } from './base64-decoder.js'
import { syncDirectory, syncDirectorySync, writeAll, writeAllSync } from './durable-write.js'
import { ParseStop } from './limit-error.js'

/** Largest buffer taken on trust from a declared length before any data has arrived. */
const FIRST_BUFFER = 4 * 1024 * 1024

/**
 * What a writer reports when its image ends. An invalid image reports no bytes: how far broken
 * text decoded depends on how the body was chunked.
 */
function stored(
  total: number,
  invalid: string | null,
  data: Buffer | null,
  path: string | null,
  error: string | null,
): StoredImage {
  return { byteLength: invalid === null ? total : 0, valid: invalid === null, data, path, error }
}

/** Where one image's decoded bytes go while its element is open (a decoder's sink). */
export interface ImageWriter extends DecodedSink {
  write(bytes: Buffer): void
  /** Finishes the image; `invalid` is the decoder's verdict. */
  finish(invalid: string | null): StoredImage
  /** Releases an open file when the body fails before the image ends. */
  abort(): Promise<void> | void
}

/**
 * Creates one {@link ImageWriter} per image and owns what they leave behind, so a body that fails
 * half way can remove every file it wrote.
 */
export class ImageStore {
  readonly #mode: ImageMode
  readonly #maxBytes: number
  readonly #sync: boolean
  readonly #files: string[] = []
  /** Files kept complete (and fsynced) for the event. */
  #kept = 0
  /** File work still in flight; every entry settles (errors are caught in the chain). */
  readonly #io = new Set<Promise<void>>()
  #errors: Error[] = []

  constructor(mode: ImageMode, maxBytes: number, sync: boolean) {
    this.#mode = mode
    this.#maxBytes = maxBytes
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
    if (this.#mode === 'memory') writer = this.#memory(hint)
    else if (this.#mode === 'discard') writer = this.#counting()
    else writer = this.#sync ? this.#fileSync(this.#mode.dir) : this.#fileAsync(this.#mode.dir)
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

  #track(work: Promise<void>): void {
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

  #limit(total: number): void {
    if (total > this.#maxBytes) {
      throw new ParseStop('limit', `an image exceeds maxImageBytes (${this.#maxBytes} bytes)`)
    }
  }

  #memory(hint: number): ImageWriter {
    // The declared length lets the bytes land in one buffer with no copy at the end. It is only a
    // hint (a device may lie), so the first buffer is small and a larger one is taken only once
    // real data overflows it.
    const parts: Buffer[] = []
    let buffer: Buffer | null = null
    let used = 0
    let total = 0
    const room = (need: number): boolean => {
      if (buffer === null) {
        buffer = Buffer.allocUnsafe(Math.max(need, Math.min(hint, FIRST_BUFFER)))
        return true
      }
      if (used + need <= buffer.length) return true
      const size = Math.min(Math.max(hint, used + need), this.#maxBytes)
      if (size < used + need || buffer.length >= size) return false
      const bigger = Buffer.allocUnsafe(size)
      buffer.copy(bigger, 0, 0, used)
      buffer = bigger
      return true
    }
    return {
      // The decoder writes straight into the image's buffer while it is the only part.
      space: (size) =>
        parts.length === 0 && hint > 0 && room(size)
          ? (buffer as Buffer).subarray(used, used + size)
          : null,
      commit: (size) => {
        total += size
        this.#limit(total)
        used += size
      },
      write: (bytes) => {
        total += bytes.length
        this.#limit(total)
        if (parts.length === 0 && hint > 0 && room(bytes.length)) {
          bytes.copy(buffer!, used)
          used += bytes.length
          return
        }
        if (buffer !== null && parts.length === 0) parts.push(buffer.subarray(0, used))
        buffer = null
        // The decoder reuses its buffer: keep a copy.
        parts.push(Buffer.from(bytes))
      },
      finish: (invalid) => {
        let data: Buffer | null = null
        if (invalid === null) {
          if (parts.length > 0) data = parts.length === 1 ? parts[0]! : Buffer.concat(parts, total)
          else if (buffer !== null) {
            const filled: Buffer = (buffer as Buffer).subarray(0, used)
            // Do not pin a mostly empty buffer for the life of the event.
            data = used < (buffer as Buffer).length / 2 ? Buffer.from(filled) : filled
          }
        }
        parts.length = 0
        buffer = null
        return stored(total, invalid, data, null, invalid)
      },
      abort: () => {
        parts.length = 0
        buffer = null
      },
    }
  }

  #counting(): ImageWriter {
    let total = 0
    return {
      write: (bytes) => {
        total += bytes.length
        this.#limit(total)
      },
      finish: (invalid) => stored(total, invalid, null, null, invalid),
      abort: () => undefined,
    }
  }

  #newPath(dir: string): string {
    const path = join(dir, `${Date.now()}-${randomUUID()}.jpg`)
    this.#files.push(path)
    return path
  }

  #fileSync(dir: string): ImageWriter {
    let total = 0
    let fd: number | null = null
    let path: string | null = null
    let ioError: Error | null = null
    const fail = (error: unknown): void => {
      ioError = error as Error
      this.#errors.push(ioError)
      closeQuietly()
      if (path !== null) rmSync(path, { force: true })
    }
    const closeQuietly = (): void => {
      if (fd === null) return
      try {
        closeSync(fd)
      } catch {
        // Already failed: the file is removed next; its close error adds nothing.
      }
      fd = null
    }
    return {
      write: (bytes) => {
        total += bytes.length
        this.#limit(total)
        if (ioError !== null) return
        try {
          if (fd === null) {
            path = this.#newPath(dir)
            fd = openSync(path, 'wx')
          }
          writeAllSync(fd, bytes)
        } catch (error) {
          fail(error)
        }
      },
      finish: (invalid) => {
        if (fd !== null && invalid === null && ioError === null) {
          // On disk before any event names it: a reader or a crash never sees a partial file.
          try {
            fsyncSync(fd)
            closeSync(fd)
            fd = null
          } catch (error) {
            fail(error)
          }
        }
        closeQuietly()
        if (invalid !== null && path !== null) rmSync(path, { force: true })
        const kept = invalid === null && ioError === null ? path : null
        if (kept !== null) this.#kept++
        return stored(total, invalid, null, kept, invalid ?? ioError?.message ?? null)
      },
      abort: () => closeQuietly(),
    }
  }

  #fileAsync(dir: string): ImageWriter {
    let total = 0
    let path: string | null = null
    let ioError: Error | null = null
    let handle: Promise<FileHandle> | null = null
    // Writes are chained so they land in order; the parser awaits `idle()` after each chunk, which
    // bounds what is queued to one chunk's worth of decoded bytes.
    let chain: Promise<void> = Promise.resolve()
    const fail = (error: unknown): void => {
      if (ioError !== null) return
      ioError = error as Error
      this.#errors.push(ioError)
    }
    let released = false
    // Closes the file once; on a write error also removes it at once, so a full disk gets its
    // space back before the post's next image is written.
    const release = async (remove: boolean): Promise<void> => {
      if (!released && handle !== null) {
        released = true
        await handle.then((fh) => fh.close()).catch(fail)
      }
      // Best effort: a disk remounted read-only cannot even remove the partial file, and that
      // must not turn a reported image error into a failed post.
      if (remove && path !== null) await rm(path, { force: true }).catch(() => undefined)
    }
    const queue = (step: () => Promise<void>): void => {
      chain = chain
        .then(() => (ioError === null ? step() : undefined))
        .catch(async (error: unknown) => {
          fail(error)
          await release(true)
        })
      this.#track(chain)
    }
    return {
      write: (bytes) => {
        total += bytes.length
        this.#limit(total)
        if (handle === null) {
          path = this.#newPath(dir)
          handle = open(path, 'wx')
          // A failed open is reported through the chain below; this keeps it from going unhandled.
          handle.catch(() => undefined)
        }
        const opened = handle
        // The write happens later and the decoder reuses its buffer: keep a copy.
        const copy = Buffer.from(bytes)
        queue(async () => writeAll(await opened, copy))
      },
      finish: (invalid) => {
        const file = path
        const result = stored(total, invalid, null, null, invalid)
        const opened = handle
        // On disk before any event names it: a reader or a crash never sees a partial file.
        if (invalid === null && opened !== null) queue(async () => (await opened).sync())
        // The result is completed when the chain settles; `idle()` is awaited before the event is built.
        chain = chain
          .then(() => release(invalid !== null || ioError !== null))
          .catch(fail)
          .then(() => {
            result.path = invalid === null && ioError === null ? file : null
            if (result.path !== null) this.#kept++
            result.error = invalid ?? ioError?.message ?? null
          })
        this.#track(chain)
        return result
      },
      abort: async () => {
        ioError ??= new Error('aborted')
        await chain
        await release(false).catch(() => undefined)
      },
    }
  }
}
