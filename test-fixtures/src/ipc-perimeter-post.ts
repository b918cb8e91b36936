import { ipcEventPost } from './ipc-envelope.js'
import { ipcListInfo, ipcOverview } from './ipc-parts.js'
import type { IpcPostOptions } from './post-options.js'
import { leaf, list, type PostContext, pointElement, rectElement } from './post-parts.js'
import type { Point, Rect } from './shapes.js'
import { el } from './xml.js'

/** Options of {@link ipcPerimeterPost}. */
export interface IpcPerimeterOptions extends IpcPostOptions {
  /** `PEA` (intrusion), or `LOITER` / `PVD`, which the docs show with the same block. @default 'PEA' */
  smartType?: string
  /** @default 508 */
  eventId?: number
  /** @default 77 */
  targetId?: number
  /** @default 'SMART_START' */
  status?: string
  /** Zone polygon, normalised 0–10000. @default four points */
  region?: Point[]
  /** Target box, normalised. */
  rect?: Rect
  /** Numeric class of the crop (1 person, 2 car, 4 motor). @default 1 */
  targetType?: number
}

/** Default zone and box of the perimeter builders. */
export const DEFAULT_REGION: Point[] = [
  { x: 1200, y: 2400 },
  { x: 1300, y: 9100 },
  { x: 8600, y: 9000 },
  { x: 8400, y: 2300 },
]
const DEFAULT_RECT: Rect = { x1: 2250, y1: 1830, x2: 4120, y2: 8870 }

/**
 * An IPC perimeter post (`PEA` with `<perimeter>`, also `LOITER` and `PVD`; protocol §4.4): the
 * zone in `perimeter/perInfo`, the overview, and the target crop in `listInfo`.
 */
export function ipcPerimeterPost(options: IpcPerimeterOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const targetId = options.targetId ?? 77
  const rect = options.rect ?? DEFAULT_RECT
  const region = options.region ?? DEFAULT_REGION
  const perimeter = el(
    'perimeter',
    null,
    list(ctx, 'perInfo', [
      el('item', null, [
        leaf(ctx, 'eventId', options.eventId ?? 508, 'uint32'),
        leaf(ctx, 'targetId', targetId, 'uint32'),
        leaf(ctx, 'status', options.status ?? 'SMART_START', 'smartStatus'),
        list(
          ctx,
          'boundary',
          region.map((p) => el('item', null, pointElement(ctx, 'point', p))),
        ),
        rectElement(ctx, rect),
      ]),
    ]),
  )
  const targets = [{ targetId, rect, targetType: options.targetType ?? 1 }]
  return ipcEventPost(
    options.smartType ?? 'PEA',
    [perimeter, ipcOverview(ctx), ipcListInfo(ctx, targets, 'person')],
    options,
  )
}
