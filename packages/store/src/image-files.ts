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
  /** fsync calls made for image files and their folders. */
  fsyncs = 0

  constructor(dir: string) {
    this.dir = dir
  }

  path(file: string): string {
    return join(this.dir, file)
  }

  /** Writes every valid image of `event`; returns the files, none of them yet committed. */
  async write(event: ViewtronEvent): Promise<WrittenImage[]> {
    const written: WrittenImage[] = []
    const day = event.receivedAt.toISOString().slice(0, 10)
    try {
      if (!this.#days.has(day)) {
        await mkdir(join(this.dir, day), { recursive: true })
        await fsyncPath(this.dir)
        this.#days.add(day)
      }
      const stem = `${event.receivedAt.getTime()}-${randomBytes(6).toString('hex')}`
      let index = 0
      for (const image of event.images) {
        if (!image.valid) continue
        const file = `${day}/${stem}-${index++}-${image.role}.jpg`
        // Pushed before writing, so a failed write is cleaned up with the rest.
        const entry: WrittenImage = {
          role: image.role,
          file,
          bytes: 0,
          width: image.width,
          height: image.height,
        }
        written.push(entry)
        entry.bytes = await this.#writeOne(image, this.path(file))
      }
      if (written.length > 0) {
        await fsyncPath(join(this.dir, day))
        this.fsyncs++
      }
      return written
    } catch (error) {
      await this.remove(written.map((image) => image.file))
      throw error
    }
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
      await handle.sync()
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
