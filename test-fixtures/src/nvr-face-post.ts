import { nvrPost } from './nvr-envelope.js'
import { DEFAULT_NVR_TIME, type NvrPostOptions } from './post-options.js'
import {
  imageOf,
  leaf,
  list,
  type PostContext,
  rectElement,
  sourceDataInfo,
  targetImageData,
} from './post-parts.js'
import type { Rect } from './shapes.js'
import { el } from './xml.js'

/** One face in an NVR face post. */
export interface NvrFaceSpec {
  targetId: number
  /** Face box; probably pixels (protocol §4.8). */
  rect: Rect
  /** `young`, `youth`, `middleAged`, `elderly`, `unknown`. */
  age: string
  /** `male`, `female`, `unknown`. */
  sex: string
  /** `yes`, `no`, `unknown`. */
  glasses: string
  /** `yes`, `no`, `unknown`. */
  mask: string
}

/** Options of {@link nvrFacePost}. */
export interface NvrFaceOptions extends NvrPostOptions {
  /** @default 'videoFaceDetect' */
  smartType?: string
  /** One `faceListInfo` item each, with a square crop. @default one face */
  faces?: NvrFaceSpec[]
}

/** The default face of {@link nvrFacePost}. */
export const DEFAULT_NVR_FACE: NvrFaceSpec = {
  targetId: 64,
  rect: { x1: 702, y1: 158, x2: 826, y2: 282 },
  age: 'youth',
  sex: 'female',
  glasses: 'no',
  mask: 'no',
}

/** An NVR face post (`videoFaceDetect`, protocol §4.8): the overview, then `faceListInfo`. */
export function nvrFacePost(options: NvrFaceOptions = {}): string {
  const ctx: PostContext = { layout: 'v2', options }
  const overview = imageOf(ctx, 'overview')
  const faces = options.faces ?? [DEFAULT_NVR_FACE]
  const items = faces.map((face) => {
    const crop = imageOf(ctx, 'face')
    return el('item', null, [
      leaf(ctx, 'targetId', face.targetId, null),
      rectElement(ctx, face.rect),
      el('age', null, face.age),
      el('sex', null, face.sex),
      el('glasses', null, face.glasses),
      el('mask', null, face.mask),
      crop && targetImageData(ctx, crop),
    ])
  })
  return nvrPost(
    'alarmData',
    {
      smartType: options.smartType ?? 'videoFaceDetect',
      time: options.time ?? DEFAULT_NVR_TIME,
      channel: true,
      body: [overview && sourceDataInfo(ctx, overview), list(ctx, 'faceListInfo', items)],
    },
    options,
  )
}
