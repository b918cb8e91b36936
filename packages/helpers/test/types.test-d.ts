import type {
  EventOf,
  FaceEvent,
  IntrusionEvent,
  LprEvent,
  TrajectEvent,
  ViewtronEvent,
} from '@viewtron/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  batch,
  byCamera,
  byCategory,
  byPlateGroup,
  dedupe,
  dedupePlates,
  dropTraject,
  filter,
  map,
  merge,
  pipe,
  route,
  type Stage,
  take,
  takeUntil,
  tap,
  throttle,
  withImages,
} from '../src/index.js'

declare const events: AsyncIterable<ViewtronEvent>
declare const signal: AbortSignal

describe('types', () => {
  it('byCategory narrows to the categories given', () => {
    expectTypeOf(pipe(events, byCategory('lpr'))).toEqualTypeOf<AsyncIterable<LprEvent>>()
    expectTypeOf(pipe(events, byCategory('lpr', 'face'))).toEqualTypeOf<
      AsyncIterable<EventOf<'lpr' | 'face'>>
    >()
    expectTypeOf(byCategory('intrusion')).toEqualTypeOf<Stage<ViewtronEvent, IntrusionEvent>>()
    // @ts-expect-error 'LPR' is not a category
    byCategory('LPR')
  })

  it('a type-guard filter narrows, a boolean filter keeps the type', () => {
    const isFace = (e: ViewtronEvent): e is FaceEvent => e.category === 'face'
    expectTypeOf(pipe(events, filter(isFace))).toEqualTypeOf<AsyncIterable<FaceEvent>>()
    expectTypeOf(
      pipe(
        events,
        byCategory('lpr'),
        filter((e) => (e.confidence ?? 0) > 50),
      ),
    ).toEqualTypeOf<AsyncIterable<LprEvent>>()
  })

  it('type-preserving stages keep a narrowed type', () => {
    expectTypeOf(pipe(events, byCategory('lpr', 'traject'), dropTraject())).toEqualTypeOf<
      AsyncIterable<LprEvent>
    >()
    expectTypeOf(pipe(events, dropTraject())).toEqualTypeOf<
      AsyncIterable<Exclude<ViewtronEvent, TrajectEvent>>
    >()
    expectTypeOf(
      pipe(
        events,
        byCategory('face'),
        withImages(),
        byCamera('Lobby'),
        dedupePlates({ windowMs: 1 }),
        take(3),
        takeUntil(signal),
      ),
    ).toEqualTypeOf<AsyncIterable<FaceEvent>>()
    expectTypeOf(take(3)(events)).toEqualTypeOf<AsyncIterable<ViewtronEvent>>()
  })

  it('infers through a pipe of ten stages', () => {
    const out = pipe(
      events,
      dropTraject(),
      byCategory('lpr', 'face'),
      filter((e): e is LprEvent => e.category === 'lpr'),
      dedupePlates({ windowMs: 30_000 }),
      throttle({ key: (e) => e.plateNumber, intervalMs: 1000 }),
      tap((e) => {
        expectTypeOf(e).toEqualTypeOf<LprEvent>()
      }),
      map(async (e) => ({ plate: e.plateNumber, at: e.receivedAt })),
      dedupe({ key: (row) => row.plate, windowMs: 1000 }),
      batch({ size: 10, maxWaitMs: 100 }),
      map((rows) => rows.length),
    )
    expectTypeOf(out).toEqualTypeOf<AsyncIterable<number>>()
  })

  it('rejects a stage that does not accept the previous output', () => {
    const lengths = map((s: string) => s.length)
    // @ts-expect-error a string stage after an LPR stage
    pipe(events, byCategory('lpr'), lengths)
  })

  it('byPlateGroup yields LPR events', () => {
    expectTypeOf(pipe(events, byPlateGroup('blackList'))).toEqualTypeOf<AsyncIterable<LprEvent>>()
  })

  it('map unwraps promises', () => {
    expectTypeOf(
      pipe(
        events,
        map(async (e) => e.clientIp),
      ),
    ).toEqualTypeOf<AsyncIterable<string>>()
  })

  it('merge yields the union of its sources', () => {
    const lprs = pipe(events, byCategory('lpr'))
    const faces = pipe(events, byCategory('face'))
    expectTypeOf(merge(lprs, faces)).toEqualTypeOf<AsyncIterable<LprEvent | FaceEvent>>()
  })

  it('route gives each handler its category type', () => {
    void route(events, {
      lpr: (e) => expectTypeOf(e).toEqualTypeOf<LprEvent>(),
      intrusion: (e) => expectTypeOf(e).toEqualTypeOf<IntrusionEvent>(),
      default: (e) => expectTypeOf(e).toEqualTypeOf<ViewtronEvent>(),
    })
    expectTypeOf(route(events, {})).toEqualTypeOf<Promise<void>>()
    void route(pipe(events, byCategory('lpr')), {
      // @ts-expect-error a face handler on a stream with only LPR events
      face: () => {},
    })
  })
})
