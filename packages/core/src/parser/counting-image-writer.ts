import { type ImageWriter, stored, type WriterHost } from './image-writer.js'

/** Counts an image's bytes and drops them (`images: 'discard'`). */
export function countingWriter(host: WriterHost): ImageWriter {
  let total = 0
  return {
    write: (bytes) => {
      total += bytes.length
      host.limit(total)
    },
    finish: (invalid) => stored(total, invalid, null, null, invalid),
    abort: () => undefined,
  }
}
