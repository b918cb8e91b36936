import { constants } from 'node:fs'
import { copyFile, link, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventImage, ViewtronEvent } from '@viewtron/core'
import { imageBaseName } from './image-file-name.js'

/**
 * Gives the image files a server wrote with `images: { dir }` readable, unique names in the same
 * folder. The server streams each image to disk while the post arrives, so memory stays flat
 * however large the images and however many events are queued; naming afterwards costs one
 * hard link per image instead of holding the bytes until the event is printed.
 */
export class ImageSaver {
  readonly dir: string
  #count = 0

  constructor(dir: string) {
    this.dir = dir
  }

  /** Images saved so far. */
  get count(): number {
    return this.#count
  }

  /** Renames each written image of `event`; returns where each one is now. */
  async save(event: ViewtronEvent): Promise<Map<EventImage, string>> {
    const saved = new Map<EventImage, string>()
    const ordinals = { source: 0, target: 0 }
    for (const image of event.images) {
      if (image.path === null) continue
      const ordinal = ++ordinals[image.role]
      const target = await this.#claim(image.path, imageBaseName(event, image, ordinal))
      saved.set(image, target)
      this.#count++
    }
    return saved
  }

  /** Removes the files of an event that is filtered out, so the folder holds only what was shown. */
  async discard(event: ViewtronEvent): Promise<void> {
    await Promise.all(
      event.images.map((image) =>
        image.path === null ? undefined : rm(image.path, { force: true }),
      ),
    )
  }

  /**
   * Moves `from` to `<base>.jpg`, or `<base>_2.jpg`, … A hard link fails when the name is taken,
   * so two events in the same millisecond can never overwrite each other (a rename would).
   */
  async #claim(from: string, base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const to = join(this.dir, `${base}${n === 1 ? '' : `_${n}`}.jpg`)
      try {
        await moveExclusive(from, to)
        return to
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
    }
  }
}

async function moveExclusive(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Some file systems (network shares, FAT) have no hard links: copy instead, still exclusive.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error
    await copyFile(from, to, constants.COPYFILE_EXCL)
  }
  await rm(from, { force: true })
}
