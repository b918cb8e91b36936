import { renderXml } from './render-xml.js'
import { comment, type XmlElement } from './xml.js'

/** The namespace every `config` root declares (a name, not a link). */
export const IPC_NAMESPACE = 'http://www.ipc.com/ver10'

/** Document-level choices every builder accepts: the prolog, comments, namespace, and an edit hook. */
export interface PostStyle {
  /**
   * Write the XML declaration; `'spaced'` writes it as some real captures do, with a space
   * before `?>`.
   * @default true
   */
  declaration?: boolean | 'spaced'
  /**
   * Start the body with a UTF-8 byte order mark.
   * @default false
   */
  bom?: boolean
  /**
   * Comments before the root, as the root's first children, and after the root. Any Unicode is
   * fine (devices put em dashes and arrows there); `--` is not.
   */
  comments?: { before?: string[]; inside?: string[]; after?: string[] }
  /**
   * `'default'` declares the default namespace on `config` roots (never on `DeviceInfo`, as the
   * devices do), `'none'` leaves it out, `'prefixed'` binds it to `v:` and prefixes every element.
   * @default 'default'
   */
  namespace?: 'default' | 'none' | 'prefixed'
  /** Rewrites the finished tree before it is written; quirk fixtures use it for odd variants. */
  edit?: (root: XmlElement) => void
}

/**
 * Writes a post: prolog, comments, root, trailing newline.
 *
 * @param namespaced - Whether the root normally carries the namespace (`config` does,
 *   `DeviceInfo` does not).
 */
export function renderPost(root: XmlElement, style: PostStyle, namespaced = true): string {
  const namespace = style.namespace ?? 'default'
  const inside = (style.comments?.inside ?? []).map((c) => comment(` ${c} `))
  root.children.unshift(...inside)
  if (namespace === 'prefixed') root.attributes.push(['xmlns:v', IPC_NAMESPACE])
  else if (namespace === 'default' && namespaced) root.attributes.push(['xmlns', IPC_NAMESPACE])
  style.edit?.(root)
  const parts: string[] = []
  const declaration = style.declaration ?? true
  if (declaration !== false) {
    parts.push(`<?xml version="1.0" encoding="UTF-8"${declaration === 'spaced' ? ' ' : ''}?>\n`)
  }
  for (const c of style.comments?.before ?? []) parts.push(`<!-- ${checked(c)} -->\n`)
  parts.push(renderXml(root, namespace === 'prefixed' ? { prefix: 'v' } : {}), '\n')
  for (const c of style.comments?.after ?? []) parts.push(`<!-- ${checked(c)} -->\n`)
  return (style.bom === true ? '\uFEFF' : '') + parts.join('')
}

function checked(text: string): string {
  return comment(text).value
}
