import { cdata, text, type XmlText } from './xml.js'

/** How image base64 is written inside its element. */
export interface Base64Style {
  /**
   * Wrap the base64 in CDATA. The builders default to CDATA in v1 posts and plain text in v2
   * posts, as the samples do.
   */
  cdata?: boolean
  /**
   * Break the base64 into lines of 76 characters (MIME style, `\n` between lines).
   * @default false
   */
  lineBreaks?: boolean
  /**
   * Split the text across this many CDATA sections, at positions that ignore base64 quartets, so
   * a parser must concatenate before decoding. Implies CDATA when above 1.
   * @default 1
   */
  cdataSections?: number
}

/** Characters per line when {@link Base64Style.lineBreaks} is on, as in MIME. */
export const BASE64_LINE = 76

/** The text nodes that carry `value` (base64 or a placeholder) in the given style. */
export function base64Nodes(value: string, style: Base64Style, cdataByDefault: boolean): XmlText[] {
  const body = style.lineBreaks === true ? breakLines(value) : value
  const sections = style.cdataSections ?? 1
  if (sections > 1) {
    // An odd length is never a multiple of 4, so no section ends on a quartet boundary.
    const size = Math.ceil(body.length / sections) | 1
    const parts: XmlText[] = []
    for (let start = 0; start < body.length; start += size) {
      parts.push(cdata(body.slice(start, start + size)))
    }
    return parts
  }
  return [(style.cdata ?? cdataByDefault) ? cdata(body) : text(body)]
}

function breakLines(value: string): string {
  const lines: string[] = []
  for (let i = 0; i < value.length; i += BASE64_LINE) lines.push(value.slice(i, i + BASE64_LINE))
  return lines.join('\n')
}
