import { nvrPost } from './nvr-envelope.js'
import { DEFAULT_NVR_TIME, type NvrPostOptions } from './post-options.js'
import {
  imageOf,
  leaf,
  list,
  type PostContext,
  pointElement,
  rectElement,
  sourceDataInfo,
  targetImageData,
} from './post-parts.js'
import type { Line, Point, Rect } from './shapes.js'
import { el } from './xml.js'

/** The v2 types with an `eventInfo` + `targetListInfo` body. */
export type NvrDetectionType =
  | 'regionIntrusion'
  | 'lineCrossing'
  | 'targetCountingByLine'
  | 'targetCountingByArea'
  | 'videoMetadata'

/** Options of {@link nvrDetectionPost}. */
export interface NvrDetectionOptions extends NvrPostOptions {
  /** Any text; the known types pick their boundary. @default 'regionIntrusion' */
  smartType?: NvrDetectionType | (string & {})
  /** `area` (polygon) or `tripwire` (line). @default by type: tripwire for the two line types */
  boundary?: 'area' | 'tripwire'
  /** @default 1204 */
  eventId?: number
  /** Same id in `eventInfo` and `targetListInfo`. @default 904 */
  targetId?: number
  /** @default 'person' */
  targetType?: string
  /** Polygon for `area`. */
  region?: Point[]
  /** Line for `tripwire`. */
  line?: Line
  /** Target box, normalised. @default all zeros for targetCountingByLine (as observed) */
  rect?: Rect
  /** The NVR image option: include the overview. @default true */
  withSource?: boolean
  /** The NVR image option: include the target crop. @default true */
  withTarget?: boolean
}

/** Default polygon of the v2 area types. */
export const DEFAULT_NVR_REGION: Point[] = [
  { x: 1510, y: 2980 },
  { x: 4690, y: 3120 },
  { x: 4810, y: 9260 },
  { x: 380, y: 9180 },
]
/** Default line of the v2 tripwire types. */
export const DEFAULT_NVR_LINE: Line = { start: { x: 3610, y: 2480 }, end: { x: 3690, y: 9810 } }
/** Default target box of the v2 detection types. */
export const DEFAULT_NVR_RECT: Rect = { x1: 3120, y1: 3690, x2: 3980, y2: 9840 }

/**
 * An NVR detection post (`regionIntrusion`, `lineCrossing`, `targetCountingByLine`,
 * `targetCountingByArea`, `videoMetadata`; protocol §4.8): `eventInfo`, the overview, and
 * `targetListInfo` (present even when the image option leaves out the crop).
 */
export function nvrDetectionPost(options: NvrDetectionOptions = {}): string {
  const ctx: PostContext = { layout: 'v2', options }
  const smartType = options.smartType ?? 'regionIntrusion'
  const lineType = smartType === 'lineCrossing' || smartType === 'targetCountingByLine'
  const boundary = options.boundary ?? (lineType ? 'tripwire' : 'area')
  const zeroRect = { x1: 0, y1: 0, x2: 0, y2: 0 }
  const rect = options.rect ?? (smartType === 'targetCountingByLine' ? zeroRect : DEFAULT_NVR_RECT)
  const targetId = options.targetId ?? 904
  const line = options.line ?? DEFAULT_NVR_LINE
  const shape =
    boundary === 'tripwire'
      ? el('directionLine', null, [
          pointElement(ctx, 'startPoint', line.start),
          pointElement(ctx, 'endPoint', line.end),
        ])
      : list(
          ctx,
          'pointGroup',
          (options.region ?? DEFAULT_NVR_REGION).map((p) =>
            el('item', null, [leaf(ctx, 'x', p.x, null), leaf(ctx, 'y', p.y, null)]),
          ),
        )
  const eventInfo = list(ctx, 'eventInfo', [
    el('item', null, [
      leaf(ctx, 'eventId', options.eventId ?? 1204, null),
      leaf(ctx, 'targetId', targetId, null),
      leaf(ctx, 'boundary', boundary, null),
      shape,
      rectElement(ctx, rect),
    ]),
  ])
  const overview = (options.withSource ?? true) && imageOf(ctx, 'overview')
  const crop = (options.withTarget ?? true) && imageOf(ctx, 'person')
  const targets = list(ctx, 'targetListInfo', [
    el('item', null, [
      leaf(ctx, 'targetId', targetId, null),
      leaf(ctx, 'targetType', options.targetType ?? 'person', null),
      crop && targetImageData(ctx, crop),
    ]),
  ])
  return nvrPost(
    'alarmData',
    {
      smartType,
      time: options.time ?? DEFAULT_NVR_TIME,
      channel: true,
      body: [eventInfo, overview && sourceDataInfo(ctx, overview), targets],
    },
    options,
  )
}
