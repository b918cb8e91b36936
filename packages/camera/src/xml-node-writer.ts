import type { XmlNode } from './xml-reader.js'
import { cdata } from './xml-writer.js'

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** Writes a node read from a reply back as XML (text in CDATA), to send settings back unchanged. */
export function writeNode(node: XmlNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('')
  const inner =
    node.children.length > 0
      ? node.children.map(writeNode).join('')
      : node.text.trim() === ''
        ? ''
        : cdata(node.text.trim())
  return `<${node.name}${attrs}>${inner}</${node.name}>`
}
