/** An element of a post under construction; builders make these, quirk edits rewrite them. */
export interface XmlElement {
  type: 'element'
  name: string
  /** In source order; `[name, value]`. */
  attributes: [string, string][]
  children: XmlNode[]
}

/** Character data, written escaped or inside one CDATA section. */
export interface XmlText {
  type: 'text'
  value: string
  cdata: boolean
}

/** A comment (`<!-- value -->`). */
export interface XmlComment {
  type: 'comment'
  value: string
}

/** Any node of a post. */
export type XmlNode = XmlElement | XmlText | XmlComment

/** What {@link el} accepts as children: nodes, text, or nothing (so optional parts read inline). */
export type XmlChild = XmlNode | string | number | null | undefined | false

/**
 * Makes an element. Strings and numbers become plain text; `null`, `undefined` and `false` are
 * skipped, so optional children can be written as `cond && el(...)`.
 */
export function el(
  name: string,
  attributes?: Record<string, string | number> | null,
  children?: XmlChild | XmlChild[],
): XmlElement {
  const list = Array.isArray(children) ? children : [children]
  const nodes: XmlNode[] = []
  for (const child of list) {
    if (child === null || child === undefined || child === false) continue
    nodes.push(typeof child === 'object' ? child : text(String(child)))
  }
  const attrs = Object.entries(attributes ?? {}).map(([k, v]): [string, string] => [k, String(v)])
  return { type: 'element', name, attributes: attrs, children: nodes }
}

/** Plain (escaped) text. */
export function text(value: string): XmlText {
  return { type: 'text', value, cdata: false }
}

/** Text in a CDATA section. */
export function cdata(value: string): XmlText {
  return { type: 'text', value, cdata: true }
}

/** A comment. Its text may hold any Unicode, but not `--`. */
export function comment(value: string): XmlComment {
  if (value.includes('--')) throw new RangeError('comment: XML comments cannot contain "--"')
  return { type: 'comment', value }
}
