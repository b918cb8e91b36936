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

/** The splitter's scanning states. */
export enum State {
  /** Before the first `<`: only a BOM and whitespace may come. */
  Prolog,
  Xml,
  Comment,
  Cdata,
  Pi,
  Image,
  ImageCdata,
}

/** What a scanning state returns when the rest of the buffer must wait (see {@link SplitterCursor.keep}). */
export const WAIT = -1

/**
 * Everything the scanning states share: the state, the offsets that bound a run, and the buffer
 * being scanned with the start of its XML bytes not yet sent. Each state is a function
 * `(cursor, i) => next i`, or {@link WAIT} after setting {@link keep}.
 */
export class SplitterCursor {
  readonly target: SplitterTarget
  /** `maxTextBytes`: the longest run between two `<`. */
  readonly maxRun: number
  state = State.Prolog
  /** Where to return after a comment. */
  afterComment = State.Xml
  /** Absolute offset of the start of {@link buf} in the body. */
  offset = 0
  /** Absolute offset where the current markup-free run began (shifted past dropped comments). */
  runStart = 0
  /** Absolute offset of the `<` of the comment being dropped. */
  commentStart = 0
  atBodyStart = true
  /** The buffer being scanned. */
  buf: Buffer = Buffer.alloc(0)
  /** Start of XML bytes in {@link buf} not yet sent to the target. */
  from = 0
  /** Index of the first byte to keep pending, once a state returned {@link WAIT}. */
  keep = 0

  constructor(target: SplitterTarget, maxRun: number) {
    this.target = target
    this.maxRun = maxRun
  }

  /** Sends the XML bytes of {@link buf} up to `to`. */
  flush(to: number): void {
    if (to > this.from) this.target.xml(this.buf.subarray(this.from, to))
    this.from = to
  }

  /** Stops scanning this buffer: bytes from `keep` on wait for more. */
  wait(keep: number): number {
    this.keep = keep
    return WAIT
  }

  tooLong(): never {
    throw new ParseStop(
      'limit',
      `a text, tag or CDATA run exceeds maxTextBytes (${this.maxRun} bytes)`,
    )
  }

  /**
   * Stops the parse if the run reaches past `end`'s limit. What fits is passed on first, so the
   * XML parser sees the same bytes before the stop however the body was chunked (and an XML error
   * earlier in the run wins, as it would in small chunks).
   */
  checkRun(end: number): void {
    const limit = this.runStart + this.maxRun - this.offset
    if (end > limit) this.stopAt(limit, 'limit')
  }

  /** Sends the XML before `at`, lets the target parse it, then stops the parse. */
  stopAt(at: number, why: 'limit' | 'doctype'): never {
    this.flush(at)
    this.target.settle()
    if (why === 'limit') this.tooLong()
    // DOCTYPE (and with it every entity trick) is refused outright, after what came before it.
    throw new ParseStop('parse-error', 'a DOCTYPE or other "<!" declaration is not allowed')
  }
}
