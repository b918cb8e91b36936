import { SaxesParser } from 'saxes'

/** One element of a camera reply: local name, attributes, children, and its own text. */
export interface XmlNode {
  /** Local name (a `ns:` prefix dropped). */
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: XmlNode[]
  /** Text and CDATA directly inside the element, as sent (not trimmed). */
  text: string
}

/** Replies are small; anything near this is not a camera reply. */
const MAX_REPLY_CHARS = 16 * 1024 * 1024

/**
 * Parses a reply into a tree with saxes. Throws an `Error` saying what is malformed; a DOCTYPE is
 * refused (no entity tricks from a device on the network).
 */
export function readXml(text: string): XmlNode {
  if (text.length > MAX_REPLY_CHARS) throw new Error('the reply is too large')
  const sax = new SaxesParser({ xmlns: false, position: true })
  const stack: XmlNode[] = []
  let root: XmlNode | null = null
  let failure: Error | null = null
  sax.on('error', (error) => {
    failure ??= error
  })
  sax.on('doctype', () => {
    failure ??= new Error('a DOCTYPE is not allowed')
  })
  sax.on('opentag', (tag) => {
    const colon = tag.name.indexOf(':')
    const node: XmlNode = {
      name: colon === -1 ? tag.name : tag.name.slice(colon + 1),
      attrs: tag.attributes,
      children: [],
      text: '',
    }
    const parent = stack.at(-1)
    if (parent === undefined) root = node
    else parent.children.push(node)
    stack.push(node)
  })
  sax.on('closetag', () => {
    stack.pop()
  })
  const onText = (value: string): void => {
    const node = stack.at(-1)
    if (node !== undefined) node.text += value
  }
  sax.on('text', onText)
  sax.on('cdata', onText)
  sax.write(text).close()
  if (failure !== null) throw failure
  if (root === null) throw new Error('the reply has no root element')
  return root
}

/** The first child named `name`, or `undefined`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}

/** Every child named `name`. */
export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? []
}

/** The element at `path` below `node` (`['licensePlates', 'item']` reads the first match). */
export function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node
  for (const name of path) current = child(current, name)
  return current
}

/** The trimmed text of the element at `path`, or `null` when it is missing. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | null {
  const found = at(node, ...path)
  return found === undefined ? null : found.text.trim()
}
