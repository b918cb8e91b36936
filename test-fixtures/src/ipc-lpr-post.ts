import { type Api21Plate, api21OverviewItem, api21PlateItem } from './api21-plate-items.js'
import { ipcEventPost } from './ipc-envelope.js'
import { PLACEHOLDERS, type PostImage } from './post-image.js'
import type { IpcPostOptions } from './post-options.js'
import {
  imageOf,
  leaf,
  list,
  type PostContext,
  sourceDataInfo,
  str,
  targetImageData,
} from './post-parts.js'
import type { VehicleAttributes } from './vehicle-attributes.js'
import { el, type XmlElement } from './xml.js'

/** Options of {@link ipcLprPost}. */
export interface IpcLprOptions extends IpcPostOptions {
  /** @default 'VEHICE' (the firmware's spelling; some firmware sends 'VEHICLE') */
  smartType?: string
  /**
   * `'two-item'`: `listInfo/item[0]` holds the overview, `item[1]` the plate and its crop (the
   * sample). `'single-item'`: one item with the plate and its crop (some firmware). With images
   * `'none'` the overview item has nothing to hold, so the list is single-item.
   * @default 'two-item'
   */
  layout?: 'two-item' | 'single-item'
  /**
   * Add `config/sourceDataInfo` (the overview again) after `listInfo`, as the sample does.
   * @default true
   */
  sourceDataInfo?: boolean
  /** @default 'KLM4821' */
  plate?: string
  /** `vehicleListType` (`whiteList`, `blackList`, `temporaryList`…); `null` leaves it out. @default null */
  listType?: string | null
  /**
   * Confidence 0–100, written as `<PlateConfidence count="…"/>` holding the value × 100
   * (protocol §9), or with `confidenceForm: 'text'` as plain text. @default null
   */
  confidence?: number | null
  /** @default 'count' */
  confidenceForm?: 'count' | 'text'
  /** `plateColor`. @default null */
  plateColor?: string | null
  /** `vehicleDirect`: `approach` or `leave`. @default null */
  direction?: string | null
  /** A v2-style `carAttribute` inside the plate item (an API 2.1 reading, §9). @default null */
  car?: VehicleAttributes | null
  /**
   * Write the list as API 2.1 camera firmware does (then `layout`, `plate` and the other plate
   * options are ignored): an overview item with empty plate fields first, then the plate item
   * with its corners, `PlateConfidence`, `carAttr` and `carRect`. Unset fields take
   * {@link DEFAULT_API21_PLATE}'s. `null` writes the older shapes.
   * @default null
   */
  api21?: Partial<Api21Plate> | null
}

/** The API 2.1 plate item's defaults: a whitelisted grey Tesla approaching. */
export const DEFAULT_API21_PLATE: Api21Plate = {
  plate: 'SLN4702',
  corners: {
    leftTop: { x: 1020, y: 604 },
    rightTop: { x: 1158, y: 608 },
    leftBottom: { x: 1018, y: 646 },
    rightBottom: { x: 1160, y: 651 },
  },
  confidenceCount: 9900,
  plateColor: 'blue',
  listType: 'whiteList',
  direction: 'approach',
  car: { color: 'grey', type: 'saloon car', brand: 'Tesla', model: 'Tesla_ModelS' },
  carRect: { x: 742, y: 318, width: 690, height: 512 },
}

/** The two items of an API 2.1 plate `listInfo` (overview item first, then the plate item). */
export function api21PlateList(
  ctx: PostContext,
  plate: Partial<Api21Plate>,
  overview: PostImage | null,
  crop: PostImage | null,
): XmlElement {
  return list(ctx, 'listInfo', [
    api21OverviewItem(ctx, overview),
    api21PlateItem(ctx, { ...DEFAULT_API21_PLATE, ...plate }, crop),
  ])
}

/**
 * An IPC licence-plate post (`VEHICE`/`VEHICLE`, protocol §4.5).
 *
 * @example
 * ```ts
 * const body = ipcLprPost({ plate: 'ABC123', listType: 'whiteList', images: 'small' })
 * ```
 */
export function ipcLprPost(options: IpcLprOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const overview = imageOf(ctx, 'overview')
  const plate = imageOf(ctx, 'plate')
  const twoItems = (options.layout ?? 'two-item') === 'two-item' && overview !== null
  const confidence = options.confidence ?? null
  const car = options.car ?? null
  const plateItem = el('item', null, [
    str(ctx, 'plateNumber', options.plate ?? 'KLM4821'),
    options.listType != null && leaf(ctx, 'vehicleListType', options.listType, 'string'),
    confidence !== null &&
      ((options.confidenceForm ?? 'count') === 'count'
        ? el('PlateConfidence', { count: Math.round(confidence * 100) })
        : leaf(ctx, 'PlateConfidence', confidence, 'uint32')),
    options.plateColor != null && str(ctx, 'plateColor', options.plateColor),
    options.direction != null && leaf(ctx, 'vehicleDirect', options.direction, 'string'),
    car !== null &&
      el('carAttribute', null, [
        str(ctx, 'carType', car.carType),
        str(ctx, 'color', car.color),
        str(ctx, 'brand', car.brand),
        str(ctx, 'model', car.model),
      ]),
    plate && targetImageData(ctx, plate, 2),
  ])
  const items = [
    twoItems && overview && el('item', null, targetImageData(ctx, overview, 2)),
    plateItem,
  ]
  const source = (options.sourceDataInfo ?? true) && imageOf(ctx, 'overview', PLACEHOLDERS.source)
  const listInfo =
    options.api21 == null
      ? list(ctx, 'listInfo', items)
      : api21PlateList(ctx, options.api21, overview, plate)
  return ipcEventPost(
    options.smartType ?? 'VEHICE',
    [listInfo, source && sourceDataInfo(ctx, source)],
    options,
  )
}
