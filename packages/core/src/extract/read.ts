import type { XmlElement } from '../parser/element-tree.js'
import type { Point, Rect, TargetType } from '../types.js'

/** First child whose local name is `name` (lower case), ignoring case. */
export function child(element: XmlElement | null | undefined, name: string): XmlElement | null {
  if (element == null) return null
  for (const c of element.children) if (c.key === name) return c
  return null
}

/** First child whose local name is one of `names` (lower case), ignoring case. */
export function childOf(
  element: XmlElement | null | undefined,
  names: readonly string[],
): XmlElement | null {
  if (element == null) return null
  for (const c of element.children) if (names.includes(c.key)) return c
  return null
}

/** Follows a `/`-separated path of lower-case local names. */
const PATHS = new Map<string, string[]>()

export function at(element: XmlElement | null | undefined, path: string): XmlElement | null {
  let current: XmlElement | null = element ?? null
  let names = PATHS.get(path)
  if (names === undefined) {
    names = path.split('/')
    PATHS.set(path, names)
  }
  for (const name of names) {
    current = child(current, name)
    if (current === null) return null
  }
  return current
}

/** The element at `path`: one name (most look-ups, without the path table) or a `/` path. */
function find(element: XmlElement | null | undefined, path: string): XmlElement | null {
  return path.indexOf('/') === -1 ? child(element, path) : at(element, path)
}

/** Trimmed text at `path` (or of the element itself when no path), `''` when absent. */
export function text(element: XmlElement | null | undefined, path?: string): string {
  const target = path === undefined ? element : find(element, path)
  return target?.text ?? ''
}

/** First non-empty text among several paths. */
export function firstText(element: XmlElement | null | undefined, ...paths: string[]): string {
  for (const path of paths) {
    const value = text(element, path)
    if (value !== '') return value
  }
  return ''
}

/** A decimal number at `path`; `null` when absent or not a finite number. */
export function num(element: XmlElement | null | undefined, path?: string): number | null {
  const raw = text(element, path)
  if (raw === '' || !/^[+-]?\d+(\.\d+)?$/.test(raw)) return null
  const value = Number(raw)
  return Number.isFinite(value) ? value : null
}

/** The `item` children of a list (never trusting `count`). */
export function items(list: XmlElement | null | undefined): XmlElement[] {
  return list == null ? [] : list.children.filter((c) => c.key === 'item')
}

/** `{ x, y }` from an element with `x` and `y` children. */
export function point(element: XmlElement | null | undefined): Point | null {
  const x = num(element, 'x')
  const y = num(element, 'y')
  return x === null || y === null ? null : { x, y }
}

/** `{ x1, y1, x2, y2 }` from an element with those children; `null` unless all four are there. */
export function rect(element: XmlElement | null | undefined): Rect | null {
  if (element == null) return null
  const x1 = num(element, 'x1')
  const y1 = num(element, 'y1')
  const x2 = num(element, 'x2')
  const y2 = num(element, 'y2')
  return x1 === null || y1 === null || x2 === null || y2 === null ? null : { x1, y1, x2, y2 }
}

/**
 * A box written either as corners (`x1`, `y1`, `x2`, `y2`) or as origin and size (`x`, `y`,
 * `width`, `height`, as API 2.1 cameras write `carRect`); `null` when neither form is complete.
 */
export function box(element: XmlElement | null | undefined): Rect | null {
  const corners = rect(element)
  if (corners !== null || element == null) return corners
  const x = num(element, 'x')
  const y = num(element, 'y')
  const width = num(element, 'width')
  const height = num(element, 'height')
  return x === null || y === null || width === null || height === null
    ? null
    : { x1: x, y1: y, x2: x + width, y2: y + height }
}

/**
 * The box spanned by an item's corner points (`leftTop`, `rightTop`, `leftBottom`,
 * `rightBottom`, each with `x` and `y`), as some firmware writes face and plate boxes. Needs at
 * least one pair of opposite corners; `null` otherwise.
 */
export function cornerBox(item: XmlElement | null | undefined): Rect | null {
  if (item == null) return null
  const lt = point(child(item, 'lefttop'))
  const rb = point(child(item, 'rightbottom'))
  const rt = point(child(item, 'righttop'))
  const lb = point(child(item, 'leftbottom'))
  if ((lt === null || rb === null) && (rt === null || lb === null)) return null
  let x1 = Number.POSITIVE_INFINITY
  let y1 = Number.POSITIVE_INFINITY
  let x2 = Number.NEGATIVE_INFINITY
  let y2 = Number.NEGATIVE_INFINITY
  for (const p of [lt, rt, lb, rb]) {
    if (p === null) continue
    x1 = Math.min(x1, p.x)
    y1 = Math.min(y1, p.y)
    x2 = Math.max(x2, p.x)
    y2 = Math.max(y2, p.y)
  }
  return { x1, y1, x2, y2 }
}

const NUMERIC_TARGET: Record<string, TargetType> = { '1': 'person', '2': 'car', '4': 'motor' }

/** v1 numbers 1/2/4 become person/car/motor; any other text is passed through. */
export function targetType(raw: string): TargetType {
  return NUMERIC_TARGET[raw] ?? raw
}
