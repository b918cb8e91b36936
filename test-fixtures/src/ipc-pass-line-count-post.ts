import { ipcEventPost } from './ipc-envelope.js'
import { type IpcTarget, ipcListInfo, ipcOverview } from './ipc-parts.js'
import type { IpcPostOptions } from './post-options.js'
import { leaf, list, type PostContext, rectElement } from './post-parts.js'
import type { Rect } from './shapes.js'
import { el } from './xml.js'

/** One phase's counters by the device's target names. */
export interface PassLineCounts {
  person: number
  car: number
  bike: number
}

/** Options of {@link ipcPassLineCountPost}. */
export interface IpcPassLineCountOptions extends IpcPostOptions {
  /** @default 'PASSLINECOUNT' */
  smartType?: string
  /** @default 1402 */
  eventId?: number
  /** @default 'SMART_START' */
  status?: string
  /** The counting line as x1/y1/x2/y2, normalised. */
  line?: Rect
  /** The line's `Direct` text. @default 'A->B' */
  direct?: string
  /** The event item's box. */
  rect?: Rect
  /** Cumulative counters. @default 12 people, 3 cars, 1 bike entered; 9, 2, 0 left; 3, 1, 1 inside */
  counts?: { enter: PassLineCounts; leave: PassLineCounts; exist: PassLineCounts }
  /**
   * Where the counters go: `'block'` next to `aoiInfo` inside `passLineCount` (the capture),
   * `'item'` inside the `aoiInfo` item.
   * @default 'block'
   */
  counters?: 'block' | 'item'
  /** Per-target data in `listInfo`. @default one person */
  targets?: IpcTarget[]
}

/** The counters every fixture without its own uses. */
export const DEFAULT_PASS_LINE_COUNTS = {
  enter: { person: 12, car: 3, bike: 1 },
  leave: { person: 9, car: 2, bike: 0 },
  exist: { person: 3, car: 1, bike: 1 },
}

/**
 * An IPC counting-by-line post as real cameras send it (protocol §3.1): the event in
 * `passLineCount/aoiInfo/item` (`eventId`, `status`, the `line` with `Direct`, a `rect`), the
 * cumulative `enter…`/`leave…`/`exist…` counters, per-target data in `listInfo`, the overview.
 */
export function ipcPassLineCountPost(options: IpcPassLineCountOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const line = options.line ?? { x1: 5000, y1: 600, x2: 5000, y2: 9400 }
  const rect = options.rect ?? { x1: 4400, y1: 2800, x2: 5300, y2: 8100 }
  const counts = options.counts ?? DEFAULT_PASS_LINE_COUNTS
  const counters = (['enter', 'leave', 'exist'] as const).flatMap((phase) => [
    leaf(ctx, `${phase}CarCount`, counts[phase].car, 'uint32'),
    leaf(ctx, `${phase}PersonCount`, counts[phase].person, 'uint32'),
    leaf(ctx, `${phase}BikeCount`, counts[phase].bike, 'uint32'),
  ])
  const inItem = options.counters === 'item'
  const item = el('item', null, [
    leaf(ctx, 'eventId', options.eventId ?? 1402, 'uint32'),
    leaf(ctx, 'status', options.status ?? 'SMART_START', 'smartStatus'),
    el('line', null, [
      ...rectElement(ctx, line).children,
      leaf(ctx, 'Direct', options.direct ?? 'A->B', 'string'),
    ]),
    rectElement(ctx, rect),
    ...(inItem ? counters : []),
  ])
  const block = el('passLineCount', null, [
    list(ctx, 'aoiInfo', [item]),
    ...(inItem ? [] : counters),
  ])
  const targets = options.targets ?? [{ targetId: 131, rect, targetType: 1 }]
  return ipcEventPost(
    options.smartType ?? 'PASSLINECOUNT',
    [block, ipcOverview(ctx), ipcListInfo(ctx, targets, 'person')],
    options,
  )
}
