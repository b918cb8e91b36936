// A strict, minimal XML reader for tests: saxes is not resolvable from this package and no
// dependency may be added. It checks well-formedness (one root, balanced tags, quoted unique
// attributes, known entities, nothing but comments, PIs and whitespace outside the root) and
// refuses DOCTYPE, like the parser is asked to. Not for production: it holds the whole text.

/** An element: its name as written (prefix included), attributes, children, and its own text. */
export interface XmlTreeNode {
  name: string
  attributes: Record<string, string>
  children: XmlTreeNode[]
  /** Text and CDATA directly inside the element, concatenated as written. */
  text: string
  /** How many CDATA sections the element's own text came from. */
  cdataSections: number
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Parses `input` or throws an Error saying what is malformed and where. */
export function parseXml(input: string): XmlTreeNode {
  let at = input.startsWith('\uFEFF') ? 1 : 0
  const fail = (why: string): never => {
    throw new Error(`malformed XML at ${at}: ${why}`)
  }
  const stack: XmlTreeNode[] = []
  let root: XmlTreeNode | null = null
  if (input.startsWith('<?xml', at)) {
    const end = input.indexOf('?>', at)
    if (end < 0) fail('unterminated declaration')
    at = end + 2
  }
  while (at < input.length) {
    const lt = input.indexOf('<', at)
    const chunk = lt < 0 ? input.slice(at) : input.slice(at, lt)
    if (stack.length > 0) stack.at(-1)!.text += decode(chunk, fail)
    else if (chunk.trim() !== '') fail('text outside the root')
    if (lt < 0) break
    at = lt
    if (input.startsWith('<!--', at)) {
      const end = input.indexOf('-->', at + 4)
      if (end < 0) fail('unterminated comment')
      if (input.slice(at + 4, end).includes('--')) fail('"--" inside a comment')
      at = end + 3
    } else if (input.startsWith('<![CDATA[', at)) {
      if (stack.length === 0) fail('CDATA outside the root')
      const end = input.indexOf(']]>', at)
      if (end < 0) fail('unterminated CDATA')
      const node = stack.at(-1)!
      node.text += input.slice(at + 9, end)
      node.cdataSections++
      at = end + 3
    } else if (input.startsWith('<!DOCTYPE', at)) {
      fail('DOCTYPE is refused')
    } else if (input.startsWith('<?', at)) {
      const end = input.indexOf('?>', at)
      if (end < 0) fail('unterminated processing instruction')
      at = end + 2
    } else if (input.startsWith('</', at)) {
      const name = NAME.exec(input.slice(at + 2))?.[0] ?? fail('bad end tag')
      const end = input.indexOf('>', at)
      if (end < 0 || input.slice(at + 2 + name.length, end).trim() !== '') fail('bad end tag')
      const open = stack.pop() ?? fail(`unexpected </${name}>`)
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`)
      at = end + 1
    } else {
      const name = NAME.exec(input.slice(at + 1))?.[0] ?? fail('bad start tag')
      if (stack.length === 0 && root !== null) fail('second root element')
      at += 1 + name.length
      const node: XmlTreeNode = { name, attributes: {}, children: [], text: '', cdataSections: 0 }
      for (;;) {
        const rest = /^\s*(\/?>|([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*("[^"<]*"|'[^'<]*'))/.exec(
          input.slice(at, at + 2000),
        )
        if (rest === null) fail(`bad attribute list in <${name}>`)
        at += rest![0].length
        if (rest![1] === '>' || rest![1] === '/>') {
          if (stack.length > 0) stack.at(-1)!.children.push(node)
          else root = node
          if (rest![1] === '>') stack.push(node)
          break
        }
        const key = rest![2]!
        if (key in node.attributes) fail(`duplicate attribute ${key}`)
        if (/\s/.test(rest![0].slice(0, 1)) === false) fail('attributes must be separated by space')
        node.attributes[key] = decode(rest![3]!.slice(1, -1), fail)
      }
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)!.name}> is not closed`)
  return root ?? fail('no root element')
}

function decode(text: string, fail: (why: string) => never): string {
  return text.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) fail('bare "&"')
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    return ENTITIES[name] ?? fail(`unknown entity &${name};`)
  })
}

/** The element's local name (without a prefix). */
export function localName(node: XmlTreeNode): string {
  return node.name.slice(node.name.indexOf(':') + 1)
}

/** Every element below and including `node`, depth first. */
export function* walk(node: XmlTreeNode): Generator<XmlTreeNode> {
  yield node
  for (const child of node.children) yield* walk(child)
}
