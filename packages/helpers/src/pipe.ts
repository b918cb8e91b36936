import { requireAsyncIterable, requireFunction } from './internal/validate.js'
import type { Stage } from './types.js'

/**
 * Passes `source` through each stage in turn. Nothing runs until the result is iterated; leaving
 * the loop early returns every stage and then the source, and errors travel down to the consumer.
 * Types are inferred through up to ten stages; for more, nest `pipe` calls.
 *
 * @example
 * ```ts
 * const plates = pipe(server.events(), dropTraject(), byCategory('lpr'), take(10))
 * for await (const event of plates) console.log(event.plateNumber)
 * ```
 */
export function pipe<A>(source: AsyncIterable<A>): AsyncIterable<A>
export function pipe<A, B>(source: AsyncIterable<A>, s1: Stage<A, B>): AsyncIterable<B>
export function pipe<A, B, C>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
): AsyncIterable<C>
export function pipe<A, B, C, D>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
): AsyncIterable<D>
export function pipe<A, B, C, D, E>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
): AsyncIterable<E>
export function pipe<A, B, C, D, E, F>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
): AsyncIterable<F>
export function pipe<A, B, C, D, E, F, G>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
): AsyncIterable<G>
export function pipe<A, B, C, D, E, F, G, H>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
): AsyncIterable<H>
export function pipe<A, B, C, D, E, F, G, H, I>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
): AsyncIterable<I>
export function pipe<A, B, C, D, E, F, G, H, I, J>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
): AsyncIterable<J>
export function pipe<A, B, C, D, E, F, G, H, I, J, K>(
  source: AsyncIterable<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
  s10: Stage<J, K>,
): AsyncIterable<K>
export function pipe(
  source: AsyncIterable<unknown>,
  ...stages: Stage<unknown, unknown>[]
): AsyncIterable<unknown> {
  requireAsyncIterable('pipe', 'source', source)
  stages.forEach((stage, index) => {
    requireFunction('pipe', `stage ${index + 1}`, stage)
  })
  return stages.reduce<AsyncIterable<unknown>>((stream, stage) => stage(stream), source)
}
