import { CDATA_CLOSE, COMMENT_CLOSE, PI_CLOSE, partialMarker } from './markup-bytes.js'
import { type SplitterCursor, State } from './splitter-cursor.js'

/** A comment, dropped (saxes would buffer it whole); then back to XML or image data. */
export function scanComment(c: SplitterCursor, i: number): number {
  const { buf } = c
  const n = buf.length
  const end = buf.indexOf(COMMENT_CLOSE, i)
  if (end === -1) {
    // Comments are dropped, so nothing to flush; keep a possible split "-->".
    c.from = n - partialMarker(buf, i, COMMENT_CLOSE)
    return c.wait(c.from)
  }
  const next = end + 3
  c.from = next
  c.state = c.afterComment
  if (c.state === State.Xml) c.runStart += c.offset + next - c.commentStart
  return next
}

/** A CDATA section or processing instruction outside image data: XML, bounded like any run. */
export function scanCdataOrPi(c: SplitterCursor, i: number): number {
  const { buf } = c
  const n = buf.length
  const close = c.state === State.Cdata ? CDATA_CLOSE : PI_CLOSE
  const end = buf.indexOf(close, i)
  if (end === -1) {
    c.checkRun(n)
    const keep = n - partialMarker(buf, i, close)
    c.flush(keep)
    return c.wait(keep)
  }
  c.checkRun(end)
  const next = end + close.length
  c.state = State.Xml
  c.runStart = c.offset + next
  return next
}
