import { createReadStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'

/** `source` is the overview (whole scene); `target` is a crop (plate, face, person). */
export type ImageRole = 'source' | 'target'

/** What the image sink knew about one image once its element ended. */
export interface StoredImage {
  /** Decoded bytes counted, whatever the image mode. */
  byteLength: number
  /** True when the text was well-formed base64 and decoded to at least one byte. */
  valid: boolean
  /** Decoded bytes, only with `images: 'memory'`. */
  data: Buffer | null
  /** The file written, only with `images: { dir }`. */
  path: string | null
  /** Why the image is not valid or was not saved; `null` when all is well. */
  error: string | null
}

/** Fields of an image that come from its XML block. */
export interface ImageBlockInfo {
  /** Overview (`source`) or crop (`target`), from where the image sits in the post. */
  role: ImageRole
  /** Declared width in pixels (`width` or `Width`); `null` when absent or zero. */
  width: number | null
  /** Declared height in pixels (`height` or `Height`); `null` when absent or zero. */
  height: number | null
  /**
   * The `...Base64Length` value as sent (the base64 text length, in characters); `null` when
   * absent.
   */
  declaredLength: number | null
}

/** JSON form of an image: a summary, never the bytes. */
export interface EventImageJSON extends ImageBlockInfo {
  /** Decoded bytes seen. */
  byteLength: number
  /** False for placeholders such as `BASE64_JPEG_PLATE_CROP` and for broken base64. */
  valid: boolean
  /** The file holding the bytes, with `images: { dir }`; `null` otherwise or if writing failed. */
  path: string | null
  /** Why the image is invalid or could not be saved; `null` when all is well. */
  error: string | null
}

/**
 * One image of an event. The base64 text was decoded as it arrived; what is kept depends on the
 * `images` option: the bytes (`'memory'`), a file (`{ dir }`), or only the count (`'discard'`).
 */
export class EventImage {
  /** Overview (`source`) or crop (`target`), from where the image sits in the post. */
  readonly role: ImageRole
  /** Declared width (`width` or `Width`); `null` when absent or zero. */
  readonly width: number | null
  /** Declared height (`height` or `Height`); `null` when absent or zero. */
  readonly height: number | null
  /** The `...Base64Length` value as sent (the base64 text length); `null` when absent. */
  readonly declaredLength: number | null
  /** Decoded bytes seen. */
  readonly byteLength: number
  /** False for placeholders such as `BASE64_JPEG_PLATE_CROP` and for broken base64. */
  readonly valid: boolean
  /** The file holding the bytes, with `images: { dir }`; `null` otherwise or if writing failed. */
  readonly path: string | null
  /** Why the image is invalid or could not be saved; `null` when all is well. */
  readonly error: string | null
  readonly #data: Buffer | null

  constructor(info: ImageBlockInfo, stored: StoredImage) {
    this.role = info.role
    this.width = info.width
    this.height = info.height
    this.declaredLength = info.declaredLength
    this.byteLength = stored.byteLength
    this.valid = stored.valid
    this.path = stored.path
    this.error = stored.error
    this.#data = stored.valid ? stored.data : null
  }

  /**
   * The decoded JPEG bytes: from memory, or read from `path`. `null` for invalid images and with
   * `images: 'discard'`.
   */
  bytes(): Buffer | null {
    if (!this.valid) return null
    if (this.#data !== null) return this.#data
    if (this.path !== null) return readFileSync(this.path)
    return null
  }

  /** The decoded bytes as a stream; empty when there are none. */
  stream(): Readable {
    if (this.valid && this.#data === null && this.path !== null) return createReadStream(this.path)
    const data = this.bytes()
    return Readable.from(data === null ? [] : [data], { objectMode: false })
  }

  /** The image as JSON (`JSON.stringify(event)` uses it): its description, never the bytes. */
  toJSON(): EventImageJSON {
    return {
      role: this.role,
      width: this.width,
      height: this.height,
      declaredLength: this.declaredLength,
      byteLength: this.byteLength,
      valid: this.valid,
      path: this.path,
      error: this.error,
    }
  }
}
