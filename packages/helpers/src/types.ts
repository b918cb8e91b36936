/**
 * One step of a pipeline: takes a stream and returns a new one. Stages are lazy and pull-based:
 * nothing is read from `source` until the result is iterated.
 *
 * @typeParam A - what the stage reads.
 * @typeParam B - what the stage yields.
 */
export type Stage<A, B> = (source: AsyncIterable<A>) => AsyncIterable<B>

/**
 * A stage that yields some of its input values unchanged (a filter, limit or de-duplicator). It is
 * generic so the exact, possibly already narrowed, element type flows through {@link pipe}.
 *
 * @typeParam T - the widest input it accepts.
 */
export type FilterStage<T = unknown> = <E extends T>(source: AsyncIterable<E>) => AsyncIterable<E>

/** The element type of an async iterable: `ElementOf<AsyncIterable<LprEvent>>` is `LprEvent`. */
export type ElementOf<I> = I extends AsyncIterable<infer T> ? T : never
