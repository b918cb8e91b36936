import { Puller } from './internal/puller.js'
import { requireAsyncIterable } from './internal/validate.js'
import { Wakeup } from './internal/wakeup.js'
import type { ElementOf } from './types.js'

/**
 * Interleaves several streams (servers on different ports, say) into one, ending when all end.
 *
 * - Fair: when several sources have a value ready they take turns, round-robin, so a busy
 *   source cannot starve a quiet one.
 * - Backpressure: each source has at most one value pulled ahead of the consumer; a source is
 *   pulled again only after its previous value has been consumed.
 * - Leaving the loop early returns every source; an error from one source ends the stream with
 *   that error and returns the others.
 *
 * @throws TypeError if a source is not an async iterable.
 * @example
 * ```ts
 * const all = merge(gateServer.events(), yardServer.events())
 * for await (const event of pipe(all, dropTraject())) console.log(event.clientIp, event.category)
 * ```
 */
export function merge<S extends AsyncIterable<unknown>[]>(
  ...sources: S
): AsyncIterable<ElementOf<S[number]>> {
  sources.forEach((source, index) => {
    requireAsyncIterable('merge', `source ${index + 1}`, source)
  })
  return mergeAll(sources as AsyncIterable<ElementOf<S[number]>>[])
}

async function* mergeAll<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T, void, undefined> {
  const count = sources.length
  const pullers = sources.map((source) => new Puller(source))
  // A settled pull whose value the consumer has not taken yet, per source.
  const settled: (IteratorResult<T> | undefined)[] = new Array(count).fill(undefined)
  const live = new Set(pullers.keys())
  const wakeup = new Wakeup()
  let failure: { error: unknown } | undefined
  let failed = false
  let turn = 0

  const pull = (index: number): void => {
    pullers[index]!.next().then(
      (result) => {
        settled[index] = result
        wakeup.wake()
      },
      (error: unknown) => {
        failure ??= { error }
        wakeup.wake()
      },
    )
  }

  try {
    for (const index of live) pull(index)
    while (live.size > 0) {
      if (failure !== undefined) throw failure.error
      const index = nextReady(settled, turn)
      if (index === undefined) {
        await wakeup.wait()
        continue
      }
      const result = settled[index]!
      settled[index] = undefined
      pullers[index]!.taken()
      if (result.done) {
        live.delete(index)
        continue
      }
      turn = (index + 1) % count
      yield result.value
      // The consumer asked for more: only now is this source pulled again.
      pull(index)
    }
  } catch (error) {
    failed = true
    throw error
  } finally {
    await closeAll(pullers, failed)
  }
}

/** Returns every source; an error from doing so surfaces only if nothing failed before it. */
async function closeAll(pullers: readonly Puller<unknown>[], failed: boolean): Promise<void> {
  const outcomes = await Promise.allSettled(pullers.map((puller) => puller.close()))
  const rejected = outcomes.find((outcome) => outcome.status === 'rejected')
  if (!failed && rejected !== undefined) throw rejected.reason
}

/** The first source with a settled pull, searching round-robin from `turn`. */
function nextReady(settled: readonly unknown[], turn: number): number | undefined {
  for (let step = 0; step < settled.length; step++) {
    const index = (turn + step) % settled.length
    if (settled[index] !== undefined) return index
  }
  return undefined
}
