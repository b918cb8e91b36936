import type { XmlElement, XmlNode } from './xml.js'

/** How {@link renderXml} lays out an element tree. */
export interface RenderOptions {
  /**
   * Namespace prefix written before every element name (`v` gives `<v:config>`).
   * @default none
   */
  prefix?: string
  /**
   * One level of indentation; the vendor samples use four spaces.
   * @default '    '
   */
  indent?: string
  /**
   * Small groups (`<point><x>1</x><y>2</y></point>`) stay on one line when it fits in this many
   * columns, as in the samples.
   * @default 120
   */
  lineWidth?: number
}

/**
 * Serialises an element tree. Text-only elements stay on one line (`<x type="uint32">1</x>`),
 * and so do small groups that fit; empty elements are self-closing; the rest put each child on
 * its own line.
 */
export function renderXml(root: XmlElement, options: RenderOptions = {}): string {
  const prefix = options.prefix === undefined ? '' : `${options.prefix}:`
  const indent = options.indent ?? '    '
  const lineWidth = options.lineWidth ?? 120
  const out: string[] = []
  const oneLine = (node: XmlNode): string => {
    if (node.type !== 'element') return inline(node)
    const name = prefix + node.name
    const attrs = node.attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')
    if (node.children.length === 0) return `<${name}${attrs}/>`
    return `<${name}${attrs}>${node.children.map(oneLine).join('')}</${name}>`
  }
  const write = (node: XmlElement, depth: number): void => {
    const pad = indent.repeat(depth)
    const flat = node.children.every((child) => child.type === 'text')
    // Multi-line text (base64 with line breaks) never fits, so this test stays cheap.
    if (flat || (!hasComment(node) && fits(node, lineWidth - pad.length))) {
      out.push(pad + oneLine(node))
      return
    }
    const name = prefix + node.name
    const attrs = node.attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')
    out.push(`${pad}<${name}${attrs}>`)
    for (const child of node.children) {
      if (child.type === 'element') write(child, depth + 1)
      else out.push(indent.repeat(depth + 1) + inline(child))
    }
    out.push(`${pad}</${name}>`)
  }
  const fits = (node: XmlElement, room: number): boolean => {
    if (size(node) > room) return false
    const line = oneLine(node)
    return !line.includes('\n') && line.length <= room
  }
  write(root, 0)
  return out.join('\n')
}

/** A cheap upper bound of the one-line length, to skip rendering big subtrees twice. */
function size(node: XmlNode): number {
  if (node.type !== 'element') return node.value.length
  let total = 2 * node.name.length + 5
  for (const [k, v] of node.attributes) total += k.length + v.length + 4
  for (const child of node.children) total += size(child)
  return total
}

function hasComment(node: XmlElement): boolean {
  return node.children.some((c) => c.type === 'comment' || (c.type === 'element' && hasComment(c)))
}

function inline(node: XmlNode): string {
  if (node.type === 'comment') return `<!--${node.value}-->`
  if (node.type === 'element') throw new TypeError('inline: elements are laid out by renderXml')
  if (!node.cdata) return escapeText(node.value)
  // `]]>` cannot occur inside a section, so it is split across two.
  return `<![CDATA[${node.value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

function escapeAttribute(value: string): string {
  return escapeText(value).replaceAll('"', '&quot;')
}
