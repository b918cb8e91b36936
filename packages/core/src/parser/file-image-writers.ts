import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs'
import { type FileHandle, open, rm } from 'node:fs/promises'
import { writeAll, writeAllSync } from './durable-write.js'
import { type ImageWriter, stored, type WriterHost } from './image-writer.js'

/** Writes an image to a new file in `dir` with blocking calls (for `parseEvent`). */
export function fileWriterSync(host: WriterHost, dir: string): ImageWriter {
  let total = 0
  let fd: number | null = null
  let path: string | null = null
  let ioError: Error | null = null
  const fail = (error: unknown): void => {
    ioError = error as Error
    host.failed(ioError)
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
      host.limit(total)
      if (ioError !== null) return
      try {
        if (fd === null) {
          path = host.newPath(dir)
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
      if (kept !== null) host.kept()
      return stored(total, invalid, null, kept, invalid ?? ioError?.message ?? null)
    },
    abort: () => closeQuietly(),
  }
}

/**
 * Writes an image to a new file in `dir` without blocking; the writes are chained so they land in
 * order, and the result's `path` and `error` are filled in once they settle.
 */
export function fileWriterAsync(host: WriterHost, dir: string): ImageWriter {
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
    host.failed(ioError)
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
    host.track(chain)
  }
  return {
    write: (bytes) => {
      total += bytes.length
      host.limit(total)
      if (handle === null) {
        path = host.newPath(dir)
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
          if (result.path !== null) host.kept()
          result.error = invalid ?? ioError?.message ?? null
        })
      host.track(chain)
      return result
    },
    abort: async () => {
      ioError ??= new Error('aborted')
      await chain
      await release(false).catch(() => undefined)
    },
  }
}
