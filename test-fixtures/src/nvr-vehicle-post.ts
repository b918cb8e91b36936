import { nvrPost } from './nvr-envelope.js'
import { DEFAULT_NVR_TIME, type NvrPostOptions } from './post-options.js'
import {
  imageOf,
  leaf,
  list,
  type PostContext,
  rectElement,
  sourceDataInfo,
  str,
  targetImageData,
} from './post-parts.js'
import type { Rect } from './shapes.js'
import type { VehicleAttributes } from './vehicle-attributes.js'
import { el } from './xml.js'

/** Options of {@link nvrVehiclePost}. */
export interface NvrVehicleOptions extends NvrPostOptions {
  /** @default 'vehicle' */
  smartType?: string
  /** @default 212 */
  targetId?: number
  /** @default 'KLM4821' */
  plate?: string
  /** Plate colour (`licensePlateAttribute/color`). @default 'white' */
  plateColor?: string
  /** Plate box in pixels of the overview (128×64, the crop size). */
  plateRect?: Rect
  /** Vehicle box; often degenerate. `null` leaves it out. @default 1,0,1,0 */
  carRect?: Rect | null
  /** `carAttribute`; `null` leaves it out. @default a grey Toyota sedan */
  car?: VehicleAttributes | null
  /** `licensePlateMatchInfo`, present only for plates in the NVR database. @default null */
  match?: { groupName: string; carOwner?: string } | null
  /**
   * The overview block: `'zero-size'` declares width/height 0 with the image present (the
   * sample), `'sized'` declares the real size, `'no-base64'` has only `dataType`/`width`/`height`
   * 0 and no image (a doc capture; protocol §5.5).
   * @default 'zero-size'
   */
  overview?: 'zero-size' | 'sized' | 'no-base64'
}

/**
 * An NVR licence-plate post (`vehicle`, protocol §4.8): the overview in `sourceDataInfo`, then
 * `licensePlateListInfo` with plate text, colour, optional database match, vehicle box and
 * attributes, and the plate crop. Coordinates are pixels.
 */
export function nvrVehiclePost(options: NvrVehicleOptions = {}): string {
  const ctx: PostContext = { layout: 'v2', options }
  const overviewMode = options.overview ?? 'zero-size'
  const overview = imageOf(ctx, 'overview')
  const crop = imageOf(ctx, 'plate')
  const car = options.car === undefined ? DEFAULT_CAR : options.car
  const carRect = options.carRect === undefined ? { x1: 1, y1: 0, x2: 1, y2: 0 } : options.carRect
  const match = options.match ?? null
  const source =
    overview === null
      ? null
      : overviewMode === 'no-base64'
        ? el('sourceDataInfo', null, [
            leaf(ctx, 'dataType', 0, null),
            leaf(ctx, 'width', 0, null),
            leaf(ctx, 'height', 0, null),
          ])
        : sourceDataInfo(
            ctx,
            overview,
            overviewMode === 'zero-size' ? { width: 0, height: 0 } : undefined,
          )
  const item = el('item', null, [
    leaf(ctx, 'targetId', options.targetId ?? 212, null),
    rectElement(ctx, options.plateRect ?? { x1: 1046, y1: 512, x2: 1174, y2: 576 }),
    el('licensePlateAttribute', null, [
      str(ctx, 'licensePlateNumber', options.plate ?? 'KLM4821'),
      leaf(ctx, 'color', options.plateColor ?? 'white', null),
    ]),
    match !== null &&
      el('licensePlateMatchInfo', null, [
        str(ctx, 'groupName', match.groupName),
        match.carOwner !== undefined && str(ctx, 'carOwner', match.carOwner),
      ]),
    carRect !== null && rectElement(ctx, carRect, 'carRect'),
    car !== null &&
      el('carAttribute', null, [
        str(ctx, 'carType', car.carType),
        str(ctx, 'color', car.color),
        str(ctx, 'brand', car.brand),
        str(ctx, 'model', car.model),
      ]),
    crop && targetImageData(ctx, crop),
  ])
  return nvrPost(
    'alarmData',
    {
      smartType: options.smartType ?? 'vehicle',
      time: options.time ?? DEFAULT_NVR_TIME,
      channel: true,
      body: [source, list(ctx, 'licensePlateListInfo', [item])],
    },
    options,
  )
}

const DEFAULT_CAR: VehicleAttributes = {
  carType: 'sedan',
  color: 'gray',
  brand: 'Toyota',
  model: 'Toyota_Camry',
}
