/** A chunked body that breaks RFC 9112 §7.1 framing. */
export class ChunkedFramingError extends Error {
  override readonly name = 'ChunkedFramingError'
}

const CR = 0x0d
const LF = 0x0a
/** Longest chunk-size line (size plus extensions) and longest trailer line accepted. */
const MAX_LINE = 4096
const HEX = /^[0-9A-Fa-f]{1,13}$/

type State = 'size' | 'data' | 'data-crlf' | 'trailer' | 'done'

/**
 * A strict, streaming decoder of a `Transfer-Encoding: chunked` body, for the one request shape
 * the server reads itself (see `conflicting-framing.ts`). Lines must end in CRLF; chunk extensions
 * are skipped; trailer fields are read and dropped. Anything else throws
 * {@link ChunkedFramingError}.
 */
export class ChunkedDecoder {
  #state: State = 'size'
  #line = ''
  #left = 0
  /** Trailer bytes seen, bounded like a header block. */
  #trailerBytes = 0
  readonly #maxTrailerBytes: number

  constructor(maxTrailerBytes: number) {
    this.#maxTrailerBytes = maxTrailerBytes
  }

  /** True once the last chunk and the trailer section have ended. */
  get done(): boolean {
    return this.#state === 'done'
  }

  /**
   * Decodes `input`; returns the body bytes it held and how many input bytes were used (fewer
   * than `input.length` only when the body ended inside it: the rest belongs to no request).
   * @throws ChunkedFramingError
   */
  write(input: Buffer): { data: Buffer[]; used: number } {
    const data: Buffer[] = []
    let i = 0
    while (i < input.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const take = Math.min(this.#left, input.length - i)
        data.push(input.subarray(i, i + take))
        i += take
        this.#left -= take
        if (this.#left === 0) this.#state = 'data-crlf'
        continue
      }
      const end = input.indexOf(LF, i)
      const stop = end === -1 ? input.length : end + 1
      this.#line += input.toString('latin1', i, stop)
      if (this.#state === 'trailer') {
        this.#trailerBytes += stop - i
        if (this.#trailerBytes > this.#maxTrailerBytes) {
          throw new ChunkedFramingError('trailer section too large')
        }
      }
      i = stop
      if (this.#line.length > MAX_LINE) throw new ChunkedFramingError('chunk line too long')
      if (end === -1) break
      const line = this.#line
      this.#line = ''
      if (line.length < 2 || line.charCodeAt(line.length - 2) !== CR) {
        throw new ChunkedFramingError('chunk line not ended by CRLF')
      }
      this.#lineDone(line.slice(0, -2))
    }
    return { data, used: i }
  }

  #lineDone(line: string): void {
    switch (this.#state) {
      case 'size': {
        const semicolon = line.indexOf(';')
        // Whitespace may precede an extension's ';' (BWS), nowhere else.
        const size = semicolon === -1 ? line : line.slice(0, semicolon).replace(/[ \t]+$/, '')
        if (!HEX.test(size))
          throw new ChunkedFramingError(`invalid chunk size '${size.slice(0, 20)}'`)
        this.#left = Number.parseInt(size, 16)
        this.#state = this.#left === 0 ? 'trailer' : 'data'
        return
      }
      case 'data-crlf':
        if (line !== '') throw new ChunkedFramingError('chunk data longer than its size')
        this.#state = 'size'
        return
      case 'trailer':
        if (line === '') this.#state = 'done'
        else if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.test(line)) {
          throw new ChunkedFramingError('invalid trailer field')
        }
        return
      default:
        return
    }
  }
}
