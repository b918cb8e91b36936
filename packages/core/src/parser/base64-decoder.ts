import { PREFERRED_QUARTETS, type QuartetDecoder } from './base64-quartets.js'

const WHITESPACE = /[\t\n\r ]+/g
/** Anything but the plain alphabet: `=`, whitespace, stray characters. */
const NOT_ALPHABET = /[^A-Za-z0-9+/]/
const DASH = 0x2d
const UNDERSCORE = 0x5f

/** Where the decoded bytes of one image go, in order. */
export interface DecodedSink {
  /** Takes decoded bytes; the buffer is only valid during the call (it is reused): copy to keep. */
  write(bytes: Buffer): void
  /**
   * Optional: a buffer of exactly `size` bytes to decode straight into (saving a copy), or
   * `null`. What lands there counts only once {@link commit} says so.
   */
  space?(size: number): Buffer | null
  /** `size` bytes were decoded into the start of the last {@link space}. */
  commit?(size: number): void
}

// Decoding into one reused buffer is several times faster than `Buffer.from(text, 'base64')`,
// which allocates per slice (and feeds the garbage collector).
let scratch = Buffer.allocUnsafe(64 * 1024)

/** Makes the scratch buffer hold at least `size` bytes. */
function reserve(size: number): void {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(size)
}

/** 1 or 2 when whole quartets end in `=` or `==` and hold no other `=`; else 0. */
function padding(quartets: string): number {
  const pad = quartets.endsWith('==') ? 2 : quartets.endsWith('=') ? 1 : 0
  return pad > 0 && quartets.indexOf('=') === quartets.length - pad ? pad : 0
}

/** True when every byte of `bytes` from `from` on is in the plain alphabet (used on 0–3 bytes). */
function plainAlphabet(bytes: Buffer, from: number): boolean {
  for (let k = from; k < bytes.length; k++) {
    const b = bytes[k]!
    const ok =
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      (b >= 0x30 && b <= 0x39) ||
      b === 0x2b ||
      b === 0x2f
    if (!ok) return false
  }
  return true
}

/**
 * Incremental, validating base64 decoder. Text arrives in arbitrary slices (a quartet, a CDATA
 * marker or a line break may be split anywhere); decoded bytes leave as soon as whole quartets are
 * known, so no image is ever held as text.
 *
 * The verdict depends only on the text, never on how it was sliced: whitespace is dropped and the
 * error names the first offending character. (How much of an invalid text was decoded before the
 * verdict may depend on the slicing; every image mode drops an invalid image's bytes.)
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
  readonly #decodeInto: QuartetDecoder

  /** `quartets` is for tests, which run every implementation the runtime offers. */
  constructor(sink: DecodedSink, quartets: QuartetDecoder = PREFERRED_QUARTETS.decode) {
    this.#sink = sink
    this.#decodeInto = quartets
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

  /** Hands over `size` decoded bytes that sit at the start of `out`. */
  #deliver(out: Buffer, size: number): void {
    if (size === 0) return
    this.#bytes += size
    if (out === scratch) this.#sink.write(scratch.subarray(0, size))
    else this.#sink.commit?.(size)
  }

  /** Feeds a slice of base64 text as raw bytes (ASCII). */
  write(segment: Buffer): void {
    if (this.#error !== null || segment.length === 0) return
    if (this.#padded) {
      if (segment.toString('latin1').replace(WHITESPACE, '') !== '') {
        this.fail('not base64: text after "=" padding')
      }
      return
    }
    if (!this.#fast(segment)) {
      this.#slow(this.#carry + segment.toString('latin1'))
    }
  }

  /**
   * The common case, without building one string out of the carry and the slice (which V8 would
   * have to flatten, a copy of the whole slice): the carried quartet is completed from the slice's
   * first bytes and decoded on its own, then the slice's whole quartets in place. Nothing is
   * emitted unless the whole slice is plain alphabet (or the padded end); false sends it to
   * {@link #slow}.
   */
  #fast(segment: Buffer): boolean {
    if (segment.indexOf(DASH) !== -1 || segment.indexOf(UNDERSCORE) !== -1) return false
    const carry = this.#carry
    const head = carry.length === 0 ? 0 : 4 - carry.length
    if (segment.length < head) return false
    const whole = (segment.length - head) & ~3
    const end = head + whole
    if (!plainAlphabet(segment, end)) return false
    const size = (((head === 0 ? 0 : 4) + whole) / 4) * 3
    // Straight into the image's own buffer when the sink offers one, else into the scratch.
    let out = this.#sink.space?.(size) ?? null
    if (out === null) {
      reserve(size)
      out = scratch
    }
    let at = 0
    if (head > 0) {
      if (!this.#decodeInto(out, carry + segment.toString('latin1', 0, head), 0, 3)) return false
      at = 3
    }
    const quartets = whole === 0 ? '' : segment.toString('latin1', head, end)
    const expected = (whole / 4) * 3
    if (this.#decodeInto(out, quartets, at, expected)) {
      this.#carry = segment.toString('latin1', end)
      this.#deliver(out, at + expected)
      return true
    }
    // The last slice of an image usually ends in "=" or "==": still one decode.
    const pad = end === segment.length ? padding(quartets) : 0
    if (pad === 0 || !this.#decodeInto(out, quartets, at, expected - pad)) return false
    this.#carry = ''
    this.#padded = true
    this.#deliver(out, at + expected - pad)
    return true
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
    this.#sink.write(bytes)
  }

  /** Ends the text; returns the reason it is invalid, or `null`. */
  end(): string | null {
    if (this.#error === null && this.#carry !== '')
      this.fail('not base64: length is not a multiple of 4')
    if (this.#error === null && this.#bytes === 0) this.fail('no image data')
    return this.#error
  }
}
