import { ParseStop } from './limit-error.js'
import {
  BANG,
  CDATA_OPEN,
  COLON,
  COMMENT_OPEN,
  DQUOTE,
  endsWithImageSuffix,
  GT,
  IMAGE_SUFFIX,
  isNameEnd,
  isSpace,
  LT,
  QUESTION,
  SLASH,
  SQUOTE,
  startsWith,
} from './markup-bytes.js'
import { type SplitterCursor, State, WAIT } from './splitter-cursor.js'

/** Before the first `<`: skips a BOM and whitespace; anything else is not XML. */
export function scanProlog(c: SplitterCursor, at: number): number {
  const { buf } = c
  const n = buf.length
  let i = at
  if (c.atBodyStart && buf[0] === 0xef) {
    if (n < 3) return c.wait(0)
    if (buf[1] === 0xbb && buf[2] === 0xbf) i = 3
  }
  c.atBodyStart = false
  while (i < n && isSpace(buf[i]!)) i++
  c.from = i
  if (i === n) return c.wait(n)
  if (buf[i] !== LT) throw new ParseStop('not-xml', 'the body does not start with "<"')
  c.state = State.Xml
  c.runStart = c.offset + i
  return i
}

/** XML for saxes: jumps from `<` to `<`, classifying each piece of markup. */
export function scanXml(c: SplitterCursor, i: number): number {
  const { buf } = c
  const n = buf.length
  const lt = buf.indexOf(LT, i)
  if (lt === -1) {
    c.checkRun(n)
    c.flush(n)
    return c.wait(n)
  }
  c.checkRun(lt)
  const next = markup(c, lt)
  if (next === WAIT) {
    c.flush(lt)
    return c.wait(lt)
  }
  // markup() may have changed the state (TypeScript cannot see that).
  const now = c.state as State
  if (now === State.Comment || now === State.Image) c.from = next
  // A dropped comment does not end the run: saxes sees the text on both sides as one node.
  if (now === State.Comment) c.commentStart = c.offset + lt
  else c.runStart = c.offset + lt
  return next
}

/**
 * Classifies markup at `lt` in XML state. Returns the index to continue from, or {@link WAIT}
 * when more bytes are needed to decide.
 */
function markup(c: SplitterCursor, lt: number): number {
  const { buf, maxRun } = c
  const n = buf.length
  if (lt + 1 >= n) return WAIT
  const b = buf[lt + 1]!
  if (b === BANG) {
    const comment = startsWith(buf, lt, COMMENT_OPEN)
    if (comment === true) {
      c.flush(lt)
      c.state = State.Comment
      c.afterComment = State.Xml
      return lt + 4
    }
    const cdata = startsWith(buf, lt, CDATA_OPEN)
    if (cdata === true) {
      c.state = State.Cdata
      return lt + 9
    }
    if (comment === null || cdata === null) return WAIT
    c.stopAt(lt, 'doctype')
  }
  if (b === QUESTION) {
    c.state = State.Pi
    return lt + 2
  }
  if (b === SLASH) return lt + 2
  // A start tag: read its name far enough to know whether it opens image data. A tag is one run,
  // so one longer than maxTextBytes stops the parse here, whatever the chunking.
  const stop = Math.min(n, lt + maxRun + 1)
  let end = lt + 1
  let colon = -1
  while (end < stop && !isNameEnd(buf[end]!)) {
    if (buf[end] === COLON) colon = end
    end++
  }
  if (end === n) return WAIT
  if (end === stop) c.stopAt(lt, 'limit')
  const nameStart = colon === -1 ? lt + 1 : colon + 1
  if (end - nameStart < IMAGE_SUFFIX.length || !endsWithImageSuffix(buf, end)) return end
  const gt = tagEnd(buf, end, Math.min(n, lt + maxRun + 1))
  if (gt === -1) {
    if (lt + maxRun + 1 <= n) c.stopAt(lt, 'limit')
    return WAIT
  }
  if (buf[gt - 1] === SLASH) return gt + 1
  // The start tag goes to saxes (so the tree knows the element); its content does not.
  c.flush(gt + 1)
  c.state = State.Image
  return gt + 1
}

/** Index of the `>` that closes the tag, skipping quoted attribute values; -1 if not before `stop`. */
function tagEnd(buf: Buffer, from: number, stop: number): number {
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
