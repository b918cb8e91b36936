const WHITESPACE = /[\t\n\r ]+/g
/** Anything but the plain alphabet: `=`, whitespace, stray characters. */
const NOT_ALPHABET = /[^A-Za-z0-9+/]/
const DASH = 0x2d
const UNDERSCORE = 0x5f

/**
 * Receives the decoded bytes of one image, in order. The buffer is only valid during the call
 * (it is reused for the next slice): a sink that keeps bytes must copy them.
 */
export type DecodedSink = (bytes: Buffer) => void

// Decoding into one reused buffer is several times faster than `Buffer.from(text, 'base64')`,
// which allocates per slice (and feeds the garbage collector).
let scratch = Buffer.allocUnsafe(64 * 1024)

/**
 * Decodes whole quartets into the scratch buffer; `null` unless exactly `expected` bytes came
 * out (Node skips characters outside the alphabet, so any stray one makes the count fall short).
 */
function decodeInto(quartets: string, expected: number): Buffer | null {
  if (scratch.length < expected) scratch = Buffer.allocUnsafe(expected)
  const written = scratch.write(quartets, 0, expected, 'base64')
  return written === expected ? scratch.subarray(0, expected) : null
}

/** 1 or 2 when whole quartets end in `=` or `==` and hold no other `=`; else 0. */
function padding(quartets: string): number {
  const pad = quartets.endsWith('==') ? 2 : quartets.endsWith('=') ? 1 : 0
  return pad > 0 && quartets.indexOf('=') === quartets.length - pad ? pad : 0
}

/**
 * Incremental, validating base64 decoder. Text arrives in arbitrary slices (a quartet, a CDATA
 * marker or a line break may be split anywhere); decoded bytes leave as soon as whole quartets are
 * known, so no image is ever held as text.
 *
 * The verdict depends only on the text, never on how it was sliced: whitespace is dropped, every
 * quartet before the first offending character is decoded, and the error names that character.
 * Node's decoder silently skips characters outside the alphabet and accepts the URL-safe one, so
 * the fast path checks that the decoded length is exactly 3/4 of the text (which fails for any
 * skipped character) and looks for `-`/`_` separately.
 */
export class Base64Decoder {
  /** An unfinished quartet, without whitespace (it may end in the first `=` of `==`). */
  #carry = ''
  /** A padded quartet ended the data: only whitespace may follow. */
  #padded = false
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
    let text = segment.toString('latin1')
    if (this.#padded) {
      if (text.replace(WHITESPACE, '') !== '') this.fail('not base64: text after "=" padding')
      return
    }
    if (this.#carry !== '') text = this.#carry + text
    if (segment.indexOf(DASH) === -1 && segment.indexOf(UNDERSCORE) === -1) {
      // Fast path: whole quartets of the plain alphabet, then at most three plain characters.
      const whole = text.length & ~3
      const rest = text.slice(whole)
      if (!NOT_ALPHABET.test(rest)) {
        const quartets = whole === text.length ? text : text.slice(0, whole)
        const bytes = decodeInto(quartets, (whole / 4) * 3)
        if (bytes !== null) {
          this.#carry = rest
          this.#emit(bytes)
          return
        }
        // The last slice of an image usually ends in "=" or "==": still one decode.
        const pad = rest === '' ? padding(quartets) : 0
        const last = pad > 0 ? decodeInto(quartets, (whole / 4) * 3 - pad) : null
        if (last !== null) {
          this.#carry = ''
          this.#padded = true
          this.#emit(last)
          return
        }
      }
    }
    this.#slow(text)
  }

  #slow(input: string): void {
    const text = input.replace(WHITESPACE, '')
    const bad = text.search(NOT_ALPHABET)
    if (bad === -1) {
      const whole = text.length & ~3
      this.#carry = text.slice(whole)
      this.#emit(Buffer.from(text.slice(0, whole), 'base64'))
      return
    }
    // Every quartet before the one holding the offending character is good.
    const start = bad & ~3
    this.#carry = ''
    this.#emit(Buffer.from(text.slice(0, start), 'base64'))
    const char = text[bad]
    if (char !== '=') {
      this.fail(
        char === '-' || char === '_'
          ? 'not base64: contains "-" or "_"'
          : 'not base64: character outside the base64 alphabet',
      )
      return
    }
    const at = bad - start
    if (at === 2 && bad + 1 === text.length) {
      // `xx=` may be completed by the next slice.
      this.#carry = text.slice(start)
      return
    }
    if (at < 2 || (at === 2 && text[bad + 1] !== '=')) {
      this.fail('not base64: "=" inside the data')
      return
    }
    if (text.length > start + 4) {
      this.fail('not base64: text after "=" padding')
      return
    }
    this.#padded = true
    this.#emit(Buffer.from(text.slice(start), 'base64'))
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
