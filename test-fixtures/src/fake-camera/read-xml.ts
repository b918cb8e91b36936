import { SaxesParser } from 'saxes'
import type { XmlElement } from '../xml.js'

/**
 * Parses a request body into the package's element tree (text and CDATA as text nodes, a `ns:`
 * prefix dropped). Throws on malformed XML or a DOCTYPE, as a camera refuses them.
 */
export function readXml(text: string): XmlElement {
  const sax = new SaxesParser({ xmlns: false })
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  let failure: Error | null = null
  sax.on('error', (error) => {
    failure ??= error
  })
  sax.on('doctype', () => {
    failure ??= new Error('DOCTYPE')
  })
  sax.on('opentag', (tag) => {
    const name = tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name
    const node: XmlElement = {
      type: 'element',
      name,
      attributes: Object.entries(tag.attributes),
      children: [],
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
    stack.at(-1)?.children.push({ type: 'text', value, cdata: false })
  }
  sax.on('text', onText)
  sax.on('cdata', onText)
  sax.write(text).close()
  if (failure !== null) throw failure
  if (root === null) throw new Error('no root element')
  return root
}

/** The first child element named `name`. */
export function childElement(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return node?.children.find((c): c is XmlElement => c.type === 'element' && c.name === name)
}

/** Every child element named `name`. */
export function childElements(node: XmlElement | undefined, name: string): XmlElement[] {
  return (node?.children ?? []).filter(
    (c): c is XmlElement => c.type === 'element' && c.name === name,
  )
}

/** The element's own text (CDATA sections joined), or `undefined` when it is missing. */
export function ownText(node: XmlElement | undefined): string | undefined {
  if (node === undefined) return undefined
  return node.children
    .map((c) => (c.type === 'text' ? c.value : ''))
    .join('')
    .trim()
}

/** The value of attribute `name`. */
export function attribute(node: XmlElement, name: string): string | undefined {
  return node.attributes.find(([key]) => key === name)?.[1]
}
