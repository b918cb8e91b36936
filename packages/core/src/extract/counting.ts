import type { CountingCounts, CountingFields, TargetCounts } from '../event-fields.js'
import type { XmlElement } from '../parser/element-tree.js'
import { child, childOf, num, text } from './read.js'

/** `enterPersonCount`, `leaveBikeCount`, `existCarCount`, … (keys are lower case). */
const COUNTER = /^(enter|leave|exist)(person|car|bike|motor)count$/

const emptyCounts = (): TargetCounts => ({ person: null, car: null, motor: null })

/**
 * The counting fields of a counting post: the cumulative counters, looked for in the event item
 * (`passLineCount/aoiInfo/item`, `eventInfo/item`), the `passLineCount` block and the root, the
 * first that has any; and the crossing direction (`Direct`) of the counting line or the item.
 */
export function readCounting(root: XmlElement, main: XmlElement | null): CountingFields {
  let counts: CountingCounts | null = null
  for (const scope of [main, child(root, 'passlinecount'), root]) {
    if (scope === null) continue
    for (const c of scope.children) {
      const match = COUNTER.exec(c.key)
      if (match === null) continue
      const value = num(c)
      if (value === null) continue
      counts ??= { enter: emptyCounts(), leave: emptyCounts(), exist: emptyCounts() }
      const phase = match[1] as keyof CountingCounts
      const target = match[2] === 'person' ? 'person' : match[2] === 'car' ? 'car' : 'motor'
      counts[phase][target] = value
    }
    if (counts !== null) break
  }
  const lineElement = childOf(main, ['line', 'directionline', 'lineinfo'])
  const direction = text(lineElement, 'direct') || text(main, 'direct')
  return { counts, direction: direction === '' ? null : direction }
}
