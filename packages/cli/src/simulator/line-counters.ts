import type { PassLineCounts } from '@viewtron/fixtures'

/** One crossing of a counting line as a camera reports it: the side crossed to and the totals. */
export interface LineCrossing {
  /** `Direct`: `A->B` counts as entering, `B->A` as leaving. */
  direct: 'A->B' | 'B->A'
  counts: { enter: PassLineCounts; leave: PassLineCounts; exist: PassLineCounts }
}

const zero = (): PassLineCounts => ({ person: 0, car: 0, bike: 0 })

/**
 * A camera's cumulative counters for its counting line, as real cameras keep them: every
 * crossing adds to `enter` or `leave`, and `exist` is how many are on the inner side now.
 */
export class LineCounters {
  readonly #enter = zero()
  readonly #leave = zero()

  /** Counts one crossing and returns the post's view of the totals. */
  cross(target: 'person' | 'car', entering: boolean): LineCrossing {
    // Nobody leaves an empty room: the first crossing of each class is always an entry.
    const enter = entering || this.#enter[target] <= this.#leave[target]
    if (enter) this.#enter[target]++
    else this.#leave[target]++
    const exist = zero()
    for (const key of ['person', 'car', 'bike'] as const)
      exist[key] = this.#enter[key] - this.#leave[key]
    return {
      direct: enter ? 'A->B' : 'B->A',
      counts: { enter: { ...this.#enter }, leave: { ...this.#leave }, exist },
    }
  }
}
