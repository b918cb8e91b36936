import { BASE64_LINE } from './base64-text.js'
import { ipcPerimeterPost } from './ipc-perimeter-post.js'
import { makeJpeg } from './make-jpeg.js'
import { nvrDetectionPost } from './nvr-detection-post.js'
import { createRandom } from './prng.js'
import { cdata, text, type XmlElement } from './xml.js'
import { findElements, removeElements, setText } from './xml-edit.js'

/** Options of {@link largePost}. */
export interface LargePostOptions {
  /** Exact size of the body in bytes. */
  totalBytes: number
  /** `'ipc'`: a v1 `PEA` perimeter post; `'nvr'`: a v2 `regionIntrusion` post. */
  layout: 'ipc' | 'nvr'
  /** Wrap the base64 in one CDATA section. @default true for 'ipc', false for 'nvr' */
  cdata?: boolean
  /** Break the base64 into 76-character lines. @default false */
  lineBreaks?: boolean
  /** @default 1 */
  seed?: number
}

/** A post too large to hold, produced on demand. */
export interface LargePost {
  /** Body size in bytes, equal to `totalBytes`: send it as `Content-Length`. */
  byteLength: number
  /** Decoded size of the single image (a valid JPEG): what a parser should count. */
  imageBytes: number
  /** The declared `sourceBase64Length`: the base64 text length without line breaks. */
  declaredLength: number
  /**
   * The body in chunks of about 64 KiB; each call starts over. Chunks may share memory with
   * each other and with later calls, so do not modify them.
   */
  chunks(): Iterable<Buffer>
}

// One filler segment: a JPEG comment (COM) whose size is a multiple of 57 bytes, which is 76
// base64 characters, so its base64 is whole quartets and whole lines and can be reused as is.
const BLOCK = 57 * 862
const MARKER = '@@IMAGE@@'
/** The real picture inside the stretched JPEG; the post declares its size. */
const PHOTO = { width: 160, height: 90 }

/**
 * A well-formed post of exactly `totalBytes` bytes carrying one overview image, for benchmarks
 * and memory tests. The body is never built whole (memory stays at a few blocks, whatever the
 * size): the image is a real small JPEG stretched with comment segments, so it stays a valid
 * JPEG, and its base64 is a handful of precomputed blocks repeated. Trailing whitespace after
 * the root absorbs the difference to `totalBytes` left by base64 and line granularity.
 *
 * @example
 * ```ts
 * const post = largePost({ totalBytes: 200 * 2 ** 20, layout: 'nvr' })
 * request.setHeader('content-length', post.byteLength)
 * for (const chunk of post.chunks()) request.write(chunk)
 * ```
 */
export function largePost(options: LargePostOptions): LargePost {
  const { totalBytes, layout } = options
  const useCdata = options.cdata ?? layout === 'ipc'
  const lineBreaks = options.lineBreaks ?? false
  const seed = options.seed ?? 1
  const { head, tail } = splitJpeg(makeJpeg({ ...PHOTO, seed }), seed)
  const random = createRandom(seed + 1)
  const block = comSegment(BLOCK, random)
  const textLength = (chars: number) =>
    chars + (lineBreaks ? Math.max(0, Math.ceil(chars / BASE64_LINE) - 1) : 0)

  // The declared length sits in the prefix, so its digit count changes the room left for the
  // image. When the image found needs more digits than assumed, retry with that many; when it
  // needs as many or fewer, the final prefix can only be shorter, and the padding takes it up.
  let declared = 4 * Math.ceil((head.length + tail.length) / 3)
  let image: ImagePlan | null = null
  for (;;) {
    const [prefix, suffix] = frame(layout, useCdata, declared)
    image = largestImage(
      totalBytes - byteLength(prefix) - byteLength(suffix),
      textLength,
      head.length,
      tail.length,
    )
    if (image === null) {
      throw new RangeError(`largePost: totalBytes ${totalBytes} is too small for a ${layout} post`)
    }
    const chars = 4 * Math.ceil(image.bytes / 3)
    if (String(chars).length <= String(declared).length) break
    declared = chars
  }
  const { blocks, last, bytes } = image
  const chars = 4 * Math.ceil(bytes / 3)
  const [prefix, suffix] = frame(layout, useCdata, chars)
  const padding = totalBytes - byteLength(prefix) - textLength(chars) - byteLength(suffix)

  const final = Buffer.concat([comSegment(last, random), tail])
  const headText = encode(head, lineBreaks, true)
  const blockText = encode(block, lineBreaks, true)
  const finalText = encode(final, lineBreaks, false)
  const start = Buffer.from(prefix)
  const end = Buffer.from(suffix + '\n'.repeat(padding))
  return {
    byteLength: totalBytes,
    imageBytes: bytes,
    declaredLength: chars,
    *chunks() {
      yield start
      yield headText
      for (let i = 0; i < blocks; i++) yield blockText
      yield finalText
      yield end
    },
  }
}

/** How the image is made up. */
interface ImagePlan {
  /** Decoded image size. */
  bytes: number
  /** Filler blocks between the head and the final part. */
  blocks: number
  /** Size of the final comment segment (0 or at least 4 bytes). */
  last: number
}

function byteLength(text: string): number {
  return Buffer.byteLength(text)
}

/** The post around the image, split at the image text. */
function frame(layout: 'ipc' | 'nvr', useCdata: boolean, declared: number) {
  const edit = (root: XmlElement) => setImage(root, useCdata, declared)
  const body =
    layout === 'ipc'
      ? ipcPerimeterPost({ images: 'placeholder', edit })
      : nvrDetectionPost({ images: 'placeholder', withTarget: false, edit })
  const at = body.indexOf(MARKER)
  return [body.slice(0, at), body.slice(at + MARKER.length)] as const
}

/** Puts the marker in `sourceDataInfo`, declares the photo's size, and drops every crop. */
function setImage(root: XmlElement, useCdata: boolean, declared: number) {
  removeElements(root, 'targetImageData')
  setText(root, 'sourceBase64Length', String(declared))
  setText(root, 'width', String(PHOTO.width))
  setText(root, 'height', String(PHOTO.height))
  for (const data of findElements(root, 'sourceBase64Data')) {
    data.children = [useCdata ? cdata(MARKER) : text(MARKER)]
  }
}

/**
 * The biggest image whose text fits in `room` characters: `head`, whole filler blocks, a final
 * comment segment of 0 or 4–65537 bytes (the segment length field is 16 bits), then `tail`.
 */
function largestImage(
  room: number,
  textLength: (chars: number) => number,
  head: number,
  tail: number,
): ImagePlan | null {
  let chars = Math.floor(room / 4) * 4
  // With line breaks one character in 77 is a newline: jump near the answer, then step down.
  if (textLength(chars) > room)
    chars = Math.floor((room * BASE64_LINE) / (BASE64_LINE + 1) / 4) * 4 + 8
  while (chars > 0 && textLength(chars) > room) chars -= 4
  for (let bytes = (chars / 4) * 3; bytes >= head + tail; bytes--) {
    const rest = bytes - head - tail
    let blocks = Math.floor(rest / BLOCK)
    let last = rest - blocks * BLOCK
    if (last > 0 && last < 4 && blocks > 0) {
      blocks -= 1
      last += BLOCK
    }
    if (last === 0 || last >= 4) return { bytes, blocks, last }
  }
  return null
}

/**
 * Splits a JPEG after its APPn segments and pads the first part with a comment segment to a
 * multiple of 57 bytes, so that its base64 ends on a line and quartet boundary.
 */
function splitJpeg(jpegBytes: Buffer, seed: number): { head: Buffer; tail: Buffer } {
  let at = 2
  while (jpegBytes[at] === 0xff && (jpegBytes[at + 1]! & 0xf0) === 0xe0) {
    at += 2 + jpegBytes.readUInt16BE(at + 2)
  }
  let pad = (57 - (at % 57)) % 57
  if (pad > 0 && pad < 4) pad += 57
  const head = Buffer.concat([jpegBytes.subarray(0, at), comSegment(pad, createRandom(seed))])
  return { head, tail: jpegBytes.subarray(at) }
}

/** A JPEG COM segment of exactly `size` bytes (0 gives nothing), with seeded content. */
function comSegment(size: number, random: () => number): Buffer {
  if (size === 0) return Buffer.alloc(0)
  const segment = Buffer.alloc(size)
  segment[0] = 0xff
  segment[1] = 0xfe
  segment.writeUInt16BE(size - 2, 2)
  // Never 0xFF, so no byte of the payload looks like a marker to a lenient decoder.
  for (let i = 4; i < size; i++) segment[i] = Math.floor(random() * 255)
  return segment
}

/**
 * Base64 of `bytes` as a Buffer; with line breaks, a newline after every 76 characters, and
 * after the last line too when more text follows.
 */
function encode(bytes: Buffer, lineBreaks: boolean, more: boolean): Buffer {
  const b64 = Buffer.from(bytes.toString('base64'), 'latin1')
  if (!lineBreaks) return b64
  const lines = Math.ceil(b64.length / BASE64_LINE)
  const out = Buffer.alloc(b64.length + lines - (more ? 0 : 1))
  let o = 0
  for (let i = 0; i < b64.length; i += BASE64_LINE) {
    o += b64.copy(out, o, i, Math.min(i + BASE64_LINE, b64.length))
    if (o < out.length) out[o++] = 0x0a
  }
  return out
}
