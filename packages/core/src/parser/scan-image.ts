import {
  BANG,
  CDATA_CLOSE,
  CDATA_OPEN,
  COMMENT_OPEN,
  LT,
  partialMarker,
  SLASH,
  startsWith,
} from './markup-bytes.js'
import { type SplitterCursor, State, WAIT } from './splitter-cursor.js'

/** The content of an image element: text goes to the target's image side, never to saxes. */
export function scanImage(c: SplitterCursor, i: number): number {
  const { buf, target } = c
  const n = buf.length
  const lt = buf.indexOf(LT, i)
  if (lt === -1) {
    target.image(buf.subarray(i, n))
    return c.wait(n)
  }
  if (lt > i) target.image(buf.subarray(i, lt))
  const next = imageMarkup(c, lt)
  if (next === WAIT) return c.wait(lt)
  c.from = next
  return next
}

/** A CDATA section inside an image element: its content is image text too. */
export function scanImageCdata(c: SplitterCursor, i: number): number {
  const { buf, target } = c
  const n = buf.length
  const end = buf.indexOf(CDATA_CLOSE, i)
  if (end === -1) {
    const keep = n - partialMarker(buf, i, CDATA_CLOSE)
    if (keep > i) target.image(buf.subarray(i, keep))
    return c.wait(keep)
  }
  if (end > i) target.image(buf.subarray(i, end))
  const next = end + 3
  c.from = next
  c.state = State.Image
  return next
}

/** Markup inside image data: CDATA, a comment, or the end tag. {@link WAIT} when more bytes are needed. */
function imageMarkup(c: SplitterCursor, lt: number): number {
  const { buf } = c
  if (lt + 1 >= buf.length) return WAIT
  const b = buf[lt + 1]!
  if (b === BANG) {
    const cdata = startsWith(buf, lt, CDATA_OPEN)
    if (cdata === true) {
      c.state = State.ImageCdata
      return lt + 9
    }
    const comment = startsWith(buf, lt, COMMENT_OPEN)
    if (comment === true) {
      c.state = State.Comment
      c.afterComment = State.Image
      return lt + 4
    }
    if (cdata === null || comment === null) return WAIT
  }
  if (b !== SLASH) c.target.imageBroken('markup inside image data')
  // The end tag (or unexpected markup) is XML again; saxes checks that it matches.
  c.state = State.Xml
  c.runStart = c.offset + lt
  return lt
}
