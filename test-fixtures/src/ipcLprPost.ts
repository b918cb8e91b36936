import { ipcEventPost } from './ipcEnvelope.js'
import { PLACEHOLDERS } from './postImage.js'
import type { IpcPostOptions } from './postOptions.js'
import {
  imageOf,
  leaf,
  list,
  type PostContext,
  sourceDataInfo,
  str,
  targetImageData,
} from './postParts.js'
import type { VehicleAttributes } from './vehicleAttributes.js'
import { el } from './xml.js'

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
  return ipcEventPost(
    options.smartType ?? 'VEHICE',
    [list(ctx, 'listInfo', items), source && sourceDataInfo(ctx, source)],
    options,
  )
}
