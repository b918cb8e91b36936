import type { XmlElement } from './xml.js'

/** Every element of the tree, depth first, the root included. */
export function* elements(root: XmlElement): Generator<XmlElement> {
  yield root
  for (const child of root.children) if (child.type === 'element') yield* elements(child)
}

/** The elements named `name`, depth first. */
export function findElements(root: XmlElement, name: string): XmlElement[] {
  return [...elements(root)].filter((element) => element.name === name)
}

/** Renames every element named `from` (for casing quirks such as `Width`/`width`). */
export function renameElements(root: XmlElement, from: string, to: string): void {
  for (const element of findElements(root, from)) element.name = to
}

/** Removes every element named `name`. */
export function removeElements(root: XmlElement, name: string): void {
  for (const element of elements(root)) {
    element.children = element.children.filter((c) => c.type !== 'element' || c.name !== name)
  }
}

/**
 * Rewrites attribute `name` on every element: `edit` returns the new value, or `null` to drop
 * the attribute.
 */
export function editAttributes(
  root: XmlElement,
  name: string,
  edit: (value: string, element: XmlElement) => string | null,
): void {
  for (const element of elements(root)) {
    element.attributes = element.attributes.flatMap(([key, value]): [string, string][] => {
      if (key !== name) return [[key, value]]
      const next = edit(value, element)
      return next === null ? [] : [[key, next]]
    })
  }
}

/** Replaces the text of every element named `name`. */
export function setText(root: XmlElement, name: string, value: string): void {
  for (const element of findElements(root, name)) {
    element.children = [{ type: 'text', value, cdata: false }]
  }
}
