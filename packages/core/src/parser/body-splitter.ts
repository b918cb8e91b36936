import { ParseStop } from './limit-error.js'

/** Where the splitter sends the two kinds of bytes it separates. */
export interface SplitterTarget {
  /** XML to parse (markup and short text), in order, as raw UTF-8 bytes. */
  xml(bytes: Buffer): void
  /** Content of the open image element: base64 text without CDATA markers or comments. */
  image(bytes: Buffer): void
  /** The image element holds markup where only text belongs; its data is not an image. */
  imageBroken(reason: string): void
  /** Parse all XML sent so far: the splitter is about to stop the parse, and an earlier error wins. */
  settle(): void
}

const LT = 0x3c
const GT = 0x3e
const BANG = 0x21
const QUESTION = 0x3f
const SLASH = 0x2f
const COLON = 0x3a
const DQUOTE = 0x22
const SQUOTE = 0x27

enum State {
  /** Before the first `<`: only a BOM and whitespace may come. */
  Prolog,
  Xml,
  Comment,
  Cdata,
  Pi,
  Image,
  ImageCdata,
}

const COMMENT_OPEN = Buffer.from('<!--')
const CDATA_OPEN = Buffer.from('<![CDATA[')
const COMMENT_CLOSE = Buffer.from('-->')
const CDATA_CLOSE = Buffer.from(']]>')
const PI_CLOSE = Buffer.from('?>')
/** Lower-case bytes of the suffix that marks an image element's name. */
const IMAGE_SUFFIX = Buffer.from('base64data')

function isNameEnd(byte: number): boolean {
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
function endsWithImageSuffix(buf: Buffer, end: number): boolean {
  const from = end - IMAGE_SUFFIX.length
  for (let k = 0; k < IMAGE_SUFFIX.length; k++) {
    const want = IMAGE_SUFFIX[k]!
    const byte = buf[from + k]!
    // An ASCII letter differs from its lower case in bit 0x20 only; the digits must match as is.
    if ((want >= 0x61 ? byte | 0x20 : byte) !== want) return false
  }
  return true
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d
}

/** True when `buf` at `at` starts with `marker`, false when it cannot, null when more bytes are needed. */
function startsWith(buf: Buffer, at: number, marker: Buffer): boolean | null {
  const have = Math.min(buf.length - at, marker.length)
  for (let k = 0; k < have; k++) if (buf[at + k] !== marker[k]) return false
  return have === marker.length ? true : null
}

/**
 * How many bytes at the end of `buf` (from `from` on) could begin `marker`: the longest suffix that
 * is a proper prefix of it. Only those need to wait for the next chunk; holding back a fixed
 * `marker.length - 1` bytes instead would make every next chunk be copied onto them.
 */
function partialMarker(buf: Buffer, from: number, marker: Buffer): number {
  const n = buf.length
  for (let len = Math.min(marker.length - 1, n - from); len > 0; len--) {
    let k = 0
    while (k < len && buf[n - len + k] === marker[k]) k++
    if (k === len) return len
  }
  return 0
}

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
 */
export class BodySplitter {
  readonly #target: SplitterTarget
  readonly #maxRun: number
  #state = State.Prolog
  /** Where to return after a comment. */
  #afterComment = State.Xml
  /**
   * Unconsumed bytes (an undecided `<…` or a terminator split across chunks), then the chunks that
   * arrived since, while they wait to be scanned together.
   */
  #pending: Buffer[] = []
  #pendingBytes = 0
  /** How many bytes the last scan left undecided. */
  #undecided = 0
  /** Absolute offset of the start of `buf` in the body. */
  #offset = 0
  /** Absolute offset where the current markup-free run began (shifted past dropped comments). */
  #runStart = 0
  /** Absolute offset of the `<` of the comment being dropped. */
  #commentStart = 0
  #atBodyStart = true

  constructor(target: SplitterTarget, maxRun: number) {
    this.#target = target
    this.#maxRun = maxRun
  }

  /** True once any markup was seen (an all-whitespace body is a heartbeat). */
  get sawMarkup(): boolean {
    return this.#state !== State.Prolog
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
    this.#offset += keep
    if (keep < buf.length) {
      // Copy: the pending tail must not pin the caller's (possibly large) chunk.
      const tail = Buffer.from(buf.subarray(keep))
      this.#pending = [tail]
      this.#pendingBytes = this.#undecided = tail.length
      if (tail.length > this.#maxRun + 16) this.#tooLong()
    }
  }

  /** Ends the body; throws {@link ParseStop} if it ended inside a token. */
  end(): void {
    if (this.#pendingBytes > this.#undecided) this.#feed(this.#takePending())
    if (this.#pendingBytes > 0 && this.#state === State.Prolog) {
      // A body of one or two bytes that begin like a BOM but are not one.
      throw new ParseStop('not-xml', 'the body does not start with "<"')
    }
    if (this.#state === State.Xml && this.#pendingBytes > 0) {
      // An unfinished tag: let the XML parser report it in its own words.
      this.#target.xml(this.#takePending())
      return
    }
    if (this.#state !== State.Xml && this.#state !== State.Prolog) {
      this.#target.settle()
      throw new ParseStop('parse-error', `body ended inside ${this.#where()}`)
    }
  }

  #where(): string {
    switch (this.#state) {
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

  #tooLong(): never {
    throw new ParseStop(
      'limit',
      `a text, tag or CDATA run exceeds maxTextBytes (${this.#maxRun} bytes)`,
    )
  }

  /**
   * Stops the parse if the run reaches past `end`'s limit. What fits is passed on first, so the
   * XML parser sees the same bytes before the stop however the body was chunked (and an XML error
   * earlier in the run wins, as it would in small chunks).
   */
  #checkRun(end: number, flush: (to: number) => void): void {
    const limit = this.#runStart + this.#maxRun - this.#offset
    if (end > limit) {
      flush(limit)
      this.#target.settle()
      this.#tooLong()
    }
  }

  /** Scans `buf`, emitting what is decided; returns the index of the first byte to keep pending. */
  #scan(buf: Buffer): number {
    const n = buf.length
    let i = 0
    // Start of XML bytes not yet sent to the target.
    let from = 0
    const flush = (to: number): void => {
      if (to > from) this.#target.xml(buf.subarray(from, to))
      from = to
    }

    while (i < n) {
      switch (this.#state) {
        case State.Prolog: {
          if (this.#atBodyStart && buf[0] === 0xef) {
            if (n < 3) return 0
            if (buf[1] === 0xbb && buf[2] === 0xbf) i = 3
          }
          this.#atBodyStart = false
          while (i < n && isSpace(buf[i]!)) i++
          from = i
          if (i === n) return n
          if (buf[i] !== LT) throw new ParseStop('not-xml', 'the body does not start with "<"')
          this.#state = State.Xml
          this.#runStart = this.#offset + i
          break
        }

        case State.Xml: {
          const lt = buf.indexOf(LT, i)
          if (lt === -1) {
            this.#checkRun(n, flush)
            flush(n)
            return n
          }
          this.#checkRun(lt, flush)
          const next = this.#markup(buf, lt, flush)
          if (next === -1) {
            flush(lt)
            return lt
          }
          i = next
          // #markup may have changed the state (TypeScript cannot see that).
          const now = this.#state as State
          if (now === State.Comment || now === State.Image) from = i
          // A dropped comment does not end the run: saxes sees the text on both sides as one node.
          if (now === State.Comment) this.#commentStart = this.#offset + lt
          else this.#runStart = this.#offset + lt
          break
        }

        case State.Comment: {
          const end = buf.indexOf(COMMENT_CLOSE, i)
          if (end === -1) {
            // Comments are dropped, so nothing to flush; keep a possible split "-->".
            from = n - partialMarker(buf, i, COMMENT_CLOSE)
            return from
          }
          i = end + 3
          from = i
          this.#state = this.#afterComment
          if (this.#state === State.Xml) this.#runStart += this.#offset + i - this.#commentStart
          break
        }

        case State.Cdata:
        case State.Pi: {
          const close = this.#state === State.Cdata ? CDATA_CLOSE : PI_CLOSE
          const end = buf.indexOf(close, i)
          if (end === -1) {
            this.#checkRun(n, flush)
            const keep = n - partialMarker(buf, i, close)
            flush(keep)
            return keep
          }
          this.#checkRun(end, flush)
          i = end + close.length
          this.#state = State.Xml
          this.#runStart = this.#offset + i
          break
        }

        case State.Image: {
          const lt = buf.indexOf(LT, i)
          if (lt === -1) {
            this.#target.image(buf.subarray(i, n))
            return n
          }
          if (lt > i) this.#target.image(buf.subarray(i, lt))
          const next = this.#imageMarkup(buf, lt)
          if (next === -1) return lt
          i = next
          from = i
          break
        }

        case State.ImageCdata: {
          const end = buf.indexOf(CDATA_CLOSE, i)
          if (end === -1) {
            const keep = n - partialMarker(buf, i, CDATA_CLOSE)
            if (keep > i) this.#target.image(buf.subarray(i, keep))
            return keep
          }
          if (end > i) this.#target.image(buf.subarray(i, end))
          i = end + 3
          from = i
          this.#state = State.Image
          break
        }
      }
    }
    if (this.#state === State.Xml || this.#state === State.Cdata || this.#state === State.Pi)
      flush(n)
    return n
  }

  /**
   * Classifies markup at `lt` in XML state. Returns the index to continue from, or -1 when more
   * bytes are needed to decide.
   */
  #markup(buf: Buffer, lt: number, flush: (to: number) => void): number {
    const n = buf.length
    if (lt + 1 >= n) return -1
    const c = buf[lt + 1]!
    if (c === BANG) {
      const comment = startsWith(buf, lt, COMMENT_OPEN)
      if (comment === true) {
        flush(lt)
        this.#state = State.Comment
        this.#afterComment = State.Xml
        return lt + 4
      }
      const cdata = startsWith(buf, lt, CDATA_OPEN)
      if (cdata === true) {
        this.#state = State.Cdata
        return lt + 9
      }
      if (comment === null || cdata === null) return -1
      // DOCTYPE (and with it every entity trick) is refused outright, after what came before it.
      flush(lt)
      this.#target.settle()
      throw new ParseStop('parse-error', 'a DOCTYPE or other "<!" declaration is not allowed')
    }
    if (c === QUESTION) {
      this.#state = State.Pi
      return lt + 2
    }
    if (c === SLASH) return lt + 2
    // A start tag: read its name far enough to know whether it opens image data. A tag is one run,
    // so one longer than maxTextBytes stops the parse here, whatever the chunking.
    const stop = Math.min(n, lt + this.#maxRun + 1)
    let end = lt + 1
    let colon = -1
    while (end < stop && !isNameEnd(buf[end]!)) {
      if (buf[end] === COLON) colon = end
      end++
    }
    if (end === n) return -1
    if (end === stop) this.#tagTooLong(lt, flush)
    const nameStart = colon === -1 ? lt + 1 : colon + 1
    if (end - nameStart < IMAGE_SUFFIX.length || !endsWithImageSuffix(buf, end)) return end
    const gt = this.#tagEnd(buf, end, Math.min(n, lt + this.#maxRun + 1))
    if (gt === -1) {
      if (lt + this.#maxRun + 1 <= n) this.#tagTooLong(lt, flush)
      return -1
    }
    if (buf[gt - 1] === SLASH) return gt + 1
    // The start tag goes to saxes (so the tree knows the element); its content does not.
    flush(gt + 1)
    this.#state = State.Image
    return gt + 1
  }

  #tagTooLong(lt: number, flush: (to: number) => void): never {
    flush(lt)
    this.#target.settle()
    this.#tooLong()
  }

  /** Index of the `>` that closes the tag, skipping quoted attribute values; -1 if not before `stop`. */
  #tagEnd(buf: Buffer, from: number, stop: number): number {
    let quote = 0
    for (let k = from; k < stop; k++) {
      const b = buf[k]!
      if (quote !== 0) {
        if (b === quote) quote = 0
      } else if (b === DQUOTE || b === SQUOTE) {
        quote = b
      } else if (b === GT) {
        return k
      }
    }
    return -1
  }

  /** Markup inside image data: CDATA, a comment, or the end tag. -1 when more bytes are needed. */
  #imageMarkup(buf: Buffer, lt: number): number {
    if (lt + 1 >= buf.length) return -1
    const c = buf[lt + 1]!
    if (c === BANG) {
      const cdata = startsWith(buf, lt, CDATA_OPEN)
      if (cdata === true) {
        this.#state = State.ImageCdata
        return lt + 9
      }
      const comment = startsWith(buf, lt, COMMENT_OPEN)
      if (comment === true) {
        this.#state = State.Comment
        this.#afterComment = State.Image
        return lt + 4
      }
      if (cdata === null || comment === null) return -1
    }
    if (c !== SLASH) this.#target.imageBroken('markup inside image data')
    // The end tag (or unexpected markup) is XML again; saxes checks that it matches.
    this.#state = State.Xml
    this.#runStart = this.#offset + lt
    return lt
  }
}
