const WHITESPACE = /[\t\n\r ]+/g
const PADDING = /^={1,2}$/
const DASH = 0x2d
const UNDERSCORE = 0x5f

/** Receives the decoded bytes of one image, in order. */
export type DecodedSink = (bytes: Buffer) => void

/**
 * Incremental, validating base64 decoder. Text arrives in arbitrary slices (a quartet, a CDATA
 * marker or a line break may be split anywhere); decoded bytes leave as soon as whole quartets are
 * known, so no image is ever held as text.
 *
 * Node's decoder silently skips characters outside the alphabet and accepts the URL-safe one, so
 * validity is checked explicitly: the decoded length must be exactly 3/4 of the quartets seen,
 * which fails for any skipped character, and `-`/`_` are looked for separately.
 */
export class Base64Decoder {
  #carry = ''
  #padding = 0
  #bytes = 0
  #error: string | null = null
  readonly #sink: DecodedSink

  constructor(sink: DecodedSink) {
    this.#sink = sink
  }

  /** Decoded bytes so far. */
  get byteLength(): number {
    return this.#bytes
  }

  /** Why the text is not valid base64, or `null`. */
  get error(): string | null {
    return this.#error
  }

  /** Marks the image invalid; later text is ignored. */
  fail(reason: string): void {
    this.#error ??= reason
  }

  /** Feeds a slice of base64 text as raw bytes (ASCII). */
  write(segment: Buffer): void {
    if (this.#error !== null || segment.length === 0) return
    if (segment.indexOf(DASH) !== -1 || segment.indexOf(UNDERSCORE) !== -1) {
      this.fail('not base64: contains "-" or "_"')
      return
    }
    let text = segment.toString('latin1')
    if (this.#padding > 0) {
      if (text.replace(WHITESPACE, '') !== '') this.fail('not base64: text after "=" padding')
      return
    }
    if (this.#carry !== '') text = this.#carry + text
    const whole = text.length & ~3
    // Fast path: no whitespace, padding or stray characters in this slice.
    const fast = Buffer.from(whole === text.length ? text : text.slice(0, whole), 'base64')
    if (fast.length === (whole / 4) * 3) {
      this.#carry = text.slice(whole)
      this.#emit(fast)
      return
    }
    this.#slow(text)
  }

  #slow(input: string): void {
    let text = input.replace(WHITESPACE, '')
    const eq = text.indexOf('=')
    let pad = 0
    if (eq !== -1) {
      if (!PADDING.test(text.slice(eq))) {
        this.fail('not base64: "=" inside the data')
        return
      }
      pad = text.length - eq
      if (text.length % 4 !== 0) {
        this.fail('not base64: bad padding')
        return
      }
    }
    const whole = pad > 0 ? text.length : text.length & ~3
    const decoded = Buffer.from(text.slice(0, whole), 'base64')
    if (decoded.length !== (whole / 4) * 3 - pad) {
      this.fail('not base64: character outside the base64 alphabet')
      return
    }
    text = text.slice(whole)
    this.#carry = text
    this.#padding = pad
    this.#emit(decoded)
  }

  #emit(bytes: Buffer): void {
    if (bytes.length === 0) return
    this.#bytes += bytes.length
    this.#sink(bytes)
  }

  /** Ends the text; returns the reason it is invalid, or `null`. */
  end(): string | null {
    if (this.#error === null && this.#carry !== '')
      this.fail('not base64: length is not a multiple of 4')
    if (this.#error === null && this.#bytes === 0) this.fail('no image data')
    return this.#error
  }
}
