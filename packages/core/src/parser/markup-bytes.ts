/** Bytes and byte tests the body splitter scans for. */

export const LT = 0x3c
export const GT = 0x3e
export const BANG = 0x21
export const QUESTION = 0x3f
export const SLASH = 0x2f
export const COLON = 0x3a
export const DQUOTE = 0x22
export const SQUOTE = 0x27

export const COMMENT_OPEN = Buffer.from('<!--')
export const CDATA_OPEN = Buffer.from('<![CDATA[')
export const COMMENT_CLOSE = Buffer.from('-->')
export const CDATA_CLOSE = Buffer.from(']]>')
export const PI_CLOSE = Buffer.from('?>')
/** Lower-case bytes of the suffix that marks an image element's name. */
export const IMAGE_SUFFIX = Buffer.from('base64data')

/** True for a byte that ends a tag name. */
export function isNameEnd(byte: number): boolean {
  return (
    byte === 0x20 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === SLASH ||
    byte === GT
  )
}

/**
 * True when the name ending at `end` ends in `Base64Data`, in any case. Compared as bytes: every
 * tag name passes here, so no string is made for it.
 */
export function endsWithImageSuffix(buf: Buffer, end: number): boolean {
  const from = end - IMAGE_SUFFIX.length
  for (let k = 0; k < IMAGE_SUFFIX.length; k++) {
    const want = IMAGE_SUFFIX[k]!
    const byte = buf[from + k]!
    // An ASCII letter differs from its lower case in bit 0x20 only; the digits must match as is.
    if ((want >= 0x61 ? byte | 0x20 : byte) !== want) return false
  }
  return true
}

/** True for XML whitespace. */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d
}

/** True when `buf` at `at` starts with `marker`, false when it cannot, null when more bytes are needed. */
export function startsWith(buf: Buffer, at: number, marker: Buffer): boolean | null {
  const have = Math.min(buf.length - at, marker.length)
  for (let k = 0; k < have; k++) if (buf[at + k] !== marker[k]) return false
  return have === marker.length ? true : null
}

/**
 * How many bytes at the end of `buf` (from `from` on) could begin `marker`: the longest suffix that
 * is a proper prefix of it. Only those need to wait for the next chunk; holding back a fixed
 * `marker.length - 1` bytes instead would make every next chunk be copied onto them.
 */
export function partialMarker(buf: Buffer, from: number, marker: Buffer): number {
  const n = buf.length
  for (let len = Math.min(marker.length - 1, n - from); len > 0; len--) {
    let k = 0
    while (k < len && buf[n - len + k] === marker[k]) k++
    if (k === len) return len
  }
  return 0
}
