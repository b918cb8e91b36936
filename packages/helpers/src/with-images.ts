import type { ViewtronEvent } from '@viewtron/core'
import type { FilterStage } from './types.js'

/**
 * Keeps events with at least one valid image (placeholders such as `BASE64_JPEG_PLATE_CROP` and
 * broken base64 are not valid). Traject events never carry images.
 *
 * @example
 * ```ts
 * for await (const event of pipe(server.events(), dropTraject(), withImages())) {
 *   const jpeg = event.getSourceImageBytes()
 *   if (jpeg) await writeFile(`${event.receivedAt.getTime()}.jpg`, jpeg)
 * }
 * ```
 */
export function withImages(): FilterStage<ViewtronEvent> {
  return async function* withImagesStage<E extends ViewtronEvent>(source: AsyncIterable<E>) {
    for await (const event of source) {
      if (event.images.some((image) => image.valid)) yield event
    }
  }
}
