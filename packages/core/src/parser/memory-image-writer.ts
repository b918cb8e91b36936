import { type ImageWriter, stored, type WriterHost } from './image-writer.js'

/** Largest buffer taken on trust from a declared length before any data has arrived. */
const FIRST_BUFFER = 4 * 1024 * 1024

/**
 * Keeps an image's bytes in memory (`images: 'memory'`).
 * @param hint - expected decoded size (from the declared base64 length), or 0.
 */
export function memoryWriter(host: WriterHost, hint: number): ImageWriter {
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
    const size = Math.min(Math.max(hint, used + need), host.maxBytes)
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
      host.limit(total)
      used += size
    },
    write: (bytes) => {
      total += bytes.length
      host.limit(total)
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
