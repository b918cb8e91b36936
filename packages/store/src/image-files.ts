import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { link, mkdir, open, readdir, rm, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventImage, ImageRole, ViewtronEvent } from '@viewtron/core'

/** One image written for an event, before its row exists. */
export interface WrittenImage {
  role: ImageRole
  /** Path relative to the images folder (`2026-12-03/1764752400123-9f3a1c-source.jpg`). */
  file: string
  bytes: number
  width: number | null
  height: number | null
}

/** Opens and fsyncs a file or folder, so what was written to or in it survives a power cut. */
async function fsyncPath(path: string, flags = constants.O_RDONLY): Promise<void> {
  const handle = await open(path, flags)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Writes image files into one folder per receive day, each complete and fsynced before it is
 * named by a row. A failure removes what this event wrote and throws.
 */
export class ImageFiles {
  readonly dir: string
  /** Day folders already created by this process. */
  readonly #days = new Set<string>()
  /** Day folders with files not yet made durable by {@link syncFolders}. */
  readonly #dirty = new Set<string>()
  /** fsync calls made for image files and their folders. */
  fsyncs = 0

  constructor(dir: string) {
    this.dir = dir
  }

  path(file: string): string {
    return join(this.dir, file)
  }

  /**
   * Writes every valid image of `event` at once, each file complete and fsynced; returns the
   * files, none of them yet committed. Their folder is fsynced by {@link syncFolders} before the
   * commit that names them.
   */
  async write(event: ViewtronEvent): Promise<WrittenImage[]> {
    const day = event.receivedAt.toISOString().slice(0, 10)
    if (!this.#days.has(day)) {
      await mkdir(join(this.dir, day), { recursive: true })
      await fsyncPath(this.dir)
      this.#days.add(day)
    }
    const stem = `${event.receivedAt.getTime()}-${randomBytes(6).toString('hex')}`
    const valid = event.images.filter((image) => image.valid)
    const written: WrittenImage[] = valid.map((image, index) => ({
      role: image.role,
      file: `${day}/${stem}-${index}-${image.role}.jpg`,
      bytes: 0,
      width: image.width,
      height: image.height,
    }))
    const results = await Promise.allSettled(
      valid.map(async (image, index) => {
        const entry = written[index] as WrittenImage
        entry.bytes = await this.#writeOne(image, this.path(entry.file))
      }),
    )
    const failed = results.find((result) => result.status === 'rejected')
    if (failed !== undefined) {
      // best-effort: the write's own failure is what the refusal reports
      await this.remove(written.map((image) => image.file)).catch(() => undefined)
      throw failed.reason
    }
    if (written.length > 0) this.#dirty.add(join(this.dir, day))
    return written
  }

  /** fsyncs the folders that received files since the last call, so their names survive. */
  async syncFolders(): Promise<void> {
    const folders = [...this.#dirty]
    this.#dirty.clear()
    await Promise.all(folders.map((folder) => fsyncPath(folder)))
    this.fsyncs += folders.length
  }

  /** Removes files (missing ones are fine). */
  async remove(files: readonly string[]): Promise<void> {
    await Promise.all(files.map((file) => rm(this.path(file), { force: true })))
  }

  /**
   * With `images: { dir }` the server already wrote a complete file: link it (no copy) when the
   * folders share a file system. Otherwise, or from memory, write the bytes. Either way fsync.
   */
  async #writeOne(image: EventImage, target: string): Promise<number> {
    if (image.path !== null) {
      try {
        await link(image.path, target)
        await fsyncPath(target)
        this.fsyncs++
        return image.byteLength
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
      }
    }
    const bytes = image.bytes()
    if (bytes === null) throw new Error(`the ${image.role} image has no bytes to store`)
    const handle = await open(target, 'wx')
    try {
      await handle.writeFile(bytes)
      // fdatasync: the bytes and the file size, all a reader needs (the name is the folder's).
      await handle.datasync()
      this.fsyncs++
    } catch (error) {
      await handle.close()
      await unlink(target).catch(() => undefined)
      throw error
    }
    await handle.close()
    return bytes.length
  }

  /**
   * Removes image files no row names: those written for posts whose commit never happened (a
   * crash, a kill -9 between file and row). `known(day)` lists the files of one day folder the
   * database holds. Returns how many were removed.
   */
  async removeOrphans(known: (day: string) => Set<string>): Promise<number> {
    let removed = 0
    let days: string[]
    try {
      days = await readdir(this.dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
      throw error
    }
    for (const day of days) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue
      const files = await readdir(join(this.dir, day))
      const held = known(day)
      for (const name of files) {
        if (held.has(`${day}/${name}`)) continue
        await rm(join(this.dir, day, name), { force: true, recursive: true })
        removed++
      }
    }
    return removed
  }
}
