import { ParseStop } from './limit-error.js'
import { scanImage, scanImageCdata } from './scan-image.js'
import { scanCdataOrPi, scanComment } from './scan-sections.js'
import { scanProlog, scanXml } from './scan-xml.js'
import { SplitterCursor, type SplitterTarget, State, WAIT } from './splitter-cursor.js'

export type { SplitterTarget } from './splitter-cursor.js'

const EMPTY = Buffer.alloc(0)

/**
 * Splits a body into XML for the SAX parser and image text for the base64 decoder, at any chunk
 * boundary.
 *
 * saxes keeps a whole text or CDATA node in one string until it ends, so feeding it an image post
 * as-is would hold every image in full. The splitter jumps from `<` to `<` with native `indexOf`
 * and looks only at markup: the content of any element whose local name ends in `Base64Data`
 * bypasses saxes, and comments are dropped (saxes would buffer them too). Everything else, which
 * the limits keep short, goes to saxes unchanged. A run between two `<` longer than
 * `maxTextBytes` stops the parse, which bounds every string saxes can build.
 *
 * This class holds the bytes that wait between chunks; each scanning state is a function of its
 * own (`scan-*.ts`) working on a shared {@link SplitterCursor}.
 */
export class BodySplitter {
  readonly #cursor: SplitterCursor
  readonly #maxRun: number
  /**
   * Unconsumed bytes (an undecided `<…` or a terminator split across chunks), then the chunks that
   * arrived since, while they wait to be scanned together.
   */
  #pending: Buffer[] = []
  #pendingBytes = 0
  /** How many bytes the last scan left undecided. */
  #undecided = 0

  constructor(target: SplitterTarget, maxRun: number) {
    this.#cursor = new SplitterCursor(target, maxRun)
    this.#maxRun = maxRun
  }

  /** True once any markup was seen (an all-whitespace body is a heartbeat). */
  get sawMarkup(): boolean {
    return this.#cursor.state !== State.Prolog
  }

  write(chunk: Buffer): void {
    if (this.#pendingBytes === 0) {
      this.#feed(chunk)
      return
    }
    const total = this.#pendingBytes + chunk.length
    // An undecided token (a long tag name) is scanned again only once the bytes waiting have
    // doubled: rescanning it for every small chunk would take time quadratic in its length.
    if (total < 2 * this.#undecided && total <= this.#maxRun + 16) {
      // Copy: the caller may reuse its buffer.
      this.#pending.push(Buffer.from(chunk))
      this.#pendingBytes = total
      return
    }
    this.#pending.push(chunk)
    this.#pendingBytes = total
    this.#feed(this.#takePending())
  }

  #takePending(): Buffer {
    const buf = Buffer.concat(this.#pending, this.#pendingBytes)
    this.#pending = []
    this.#pendingBytes = 0
    return buf
  }

  #feed(buf: Buffer): void {
    const keep = this.#scan(buf)
    this.#cursor.offset += keep
    if (keep < buf.length) {
      // Copy: the pending tail must not pin the caller's (possibly large) chunk.
      const tail = Buffer.from(buf.subarray(keep))
      this.#pending = [tail]
      this.#pendingBytes = this.#undecided = tail.length
      if (tail.length > this.#maxRun + 16) this.#cursor.tooLong()
    }
  }

  /** Ends the body; throws {@link ParseStop} if it ended inside a token. */
  end(): void {
    const { target } = this.#cursor
    if (this.#pendingBytes > this.#undecided) this.#feed(this.#takePending())
    if (this.#pendingBytes > 0 && this.#cursor.state === State.Prolog) {
      // A body of one or two bytes that begin like a BOM but are not one.
      throw new ParseStop('not-xml', 'the body does not start with "<"')
    }
    if (this.#cursor.state === State.Xml && this.#pendingBytes > 0) {
      // An unfinished tag: let the XML parser report it in its own words.
      target.xml(this.#takePending())
      return
    }
    if (this.#cursor.state !== State.Xml && this.#cursor.state !== State.Prolog) {
      target.settle()
      throw new ParseStop('parse-error', `body ended inside ${where(this.#cursor.state)}`)
    }
  }

  /** Scans `buf`, emitting what is decided; returns the index of the first byte to keep pending. */
  #scan(buf: Buffer): number {
    const c = this.#cursor
    c.buf = buf
    c.from = 0
    const n = buf.length
    let i = 0
    try {
      while (i < n) {
        switch (c.state) {
          case State.Prolog:
            i = scanProlog(c, i)
            break
          case State.Xml:
            i = scanXml(c, i)
            break
          case State.Comment:
            i = scanComment(c, i)
            break
          case State.Cdata:
          case State.Pi:
            i = scanCdataOrPi(c, i)
            break
          case State.Image:
            i = scanImage(c, i)
            break
          case State.ImageCdata:
            i = scanImageCdata(c, i)
            break
        }
        if (i === WAIT) return c.keep
      }
      const { state } = c
      if (state === State.Xml || state === State.Cdata || state === State.Pi) c.flush(n)
      return n
    } finally {
      // The cursor must not pin the caller's (possibly large) chunk between writes.
      c.buf = EMPTY
    }
  }
}

/** What the body ended inside of, for the error. */
function where(state: State): string {
  switch (state) {
    case State.Comment:
      return 'a comment'
    case State.Cdata:
    case State.ImageCdata:
      return 'a CDATA section'
    case State.Pi:
      return 'a processing instruction'
    case State.Image:
      return 'image data'
    default:
      return 'markup'
  }
}
