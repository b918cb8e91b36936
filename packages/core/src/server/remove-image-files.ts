import { rm } from 'node:fs/promises'
import type { ViewtronEvent } from '../event.js'

/**
 * Deletes the files an event's images were written to (`images: { dir }`). For a refused post:
 * the device sends it again with the same images, so these files would belong to no event.
 * A file already gone is not an error; the others are returned, never thrown.
 */
export async function removeImageFiles(event: ViewtronEvent): Promise<Error[]> {
  const paths = event.images.map((image) => image.path).filter((path) => path !== null)
  const results = await Promise.allSettled(paths.map((path) => rm(path, { force: true })))
  return results.flatMap((result) =>
    result.status === 'rejected'
      ? [result.reason instanceof Error ? result.reason : new Error(String(result.reason))]
      : [],
  )
}
