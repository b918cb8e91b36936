import type { PostImage } from './post-image.js'
import { leaf, type PostContext, pointElement, str, targetImageData } from './post-parts.js'
import type { Point } from './shapes.js'
import { el, type XmlElement } from './xml.js'

/** Vehicle attributes as API 2.1 cameras write them in `carAttr` (not the NVR's `carAttribute`). */
export interface CarAttr {
  color: string
  /** `saloon car`, `SUV`, … */
  type: string
  brand: string
  model: string
}

/** A box as API 2.1 cameras write `carRect`: origin and size, in pixels. */
export interface OriginSizeBox {
  x: number
  y: number
  width: number
  height: number
}

/** Four corner points (pixels), as API 2.1 cameras write plate and face boxes. */
export interface Corners {
  leftTop: Point
  rightTop: Point
  leftBottom: Point
  rightBottom: Point
}

/** The plate item's fields in an API 2.1 `listInfo`. */
export interface Api21Plate {
  plate: string
  corners: Corners
  /** `PlateConfidence count`, the confidence × 100 (protocol §9). */
  confidenceCount: number
  plateColor: string
  /** `vehicleListType`; `null` leaves it out (a plate in no list). */
  listType: string | null
  /** `vehicleDirect`: `approach`, `away` (or `leave`). */
  direction: string
  car: CarAttr
  carRect: OriginSizeBox
}

const ZERO = { x: 0, y: 0 }
const ZERO_CORNERS: Corners = {
  leftTop: ZERO,
  rightTop: ZERO,
  leftBottom: ZERO,
  rightBottom: ZERO,
}

/** The four corner elements, in the order `leftTop`, `rightTop`, `leftBottom`, `rightBottom`. */
export function cornerElements(ctx: PostContext, corners: Corners): XmlElement[] {
  return [
    pointElement(ctx, 'leftTop', corners.leftTop),
    pointElement(ctx, 'rightTop', corners.rightTop),
    pointElement(ctx, 'leftBottom', corners.leftBottom),
    pointElement(ctx, 'rightBottom', corners.rightBottom),
  ]
}

/**
 * The overview item of an API 2.1 plate `listInfo`: the plate fields are present but empty (an
 * empty `plateNumber`, `plateCharCount` 0, zeroed corners, `PlateConfidence count="0"`), and its
 * `targetImageData` holds the overview.
 */
export function api21OverviewItem(ctx: PostContext, overview: PostImage | null): XmlElement {
  return el('item', null, [
    str(ctx, 'plateNumber', ''),
    leaf(ctx, 'plateCharCount', 0, 'uint32'),
    ...cornerElements(ctx, ZERO_CORNERS),
    el('PlateConfidence', { count: 0 }),
    overview && targetImageData(ctx, overview, 2),
  ])
}

/** The plate item of an API 2.1 plate `listInfo`: the plate, its corners, `carAttr`, `carRect`. */
export function api21PlateItem(
  ctx: PostContext,
  plate: Api21Plate,
  crop: PostImage | null,
): XmlElement {
  const { car, carRect } = plate
  return el('item', null, [
    str(ctx, 'plateNumber', plate.plate),
    leaf(ctx, 'plateCharCount', [...plate.plate].length, 'uint32'),
    ...cornerElements(ctx, plate.corners),
    el('PlateConfidence', { count: plate.confidenceCount }),
    str(ctx, 'plateColor', plate.plateColor),
    plate.listType !== null && leaf(ctx, 'vehicleListType', plate.listType, 'string'),
    leaf(ctx, 'vehicleDirect', plate.direction, 'string'),
    el('carAttr', null, [
      str(ctx, 'color', car.color),
      str(ctx, 'type', car.type),
      str(ctx, 'brand', car.brand),
      str(ctx, 'model', car.model),
    ]),
    el('carRect', null, [
      leaf(ctx, 'x', carRect.x, 'uint32'),
      leaf(ctx, 'y', carRect.y, 'uint32'),
      leaf(ctx, 'width', carRect.width, 'uint32'),
      leaf(ctx, 'height', carRect.height, 'uint32'),
    ]),
    crop && targetImageData(ctx, crop, 2),
  ])
}
