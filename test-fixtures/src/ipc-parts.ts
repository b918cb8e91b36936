import type { ImageKind } from './post-image.js'
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
import { el, type XmlElement } from './xml.js'

/** A target in a v1 `listInfo`. */
export interface IpcTarget {
  targetId: number
  rect: Rect
  /**
   * Numeric class in `targetImageData/targetType`: 1 person, 2 car, 4 motor.
   * @default 1
   */
  targetType?: number
}

/** `config/sourceDataInfo` with the overview, or `null` when the post has no images. */
export function ipcOverview(ctx: PostContext, placeholder?: string): XmlElement | null {
  const image = imageOf(ctx, 'overview', placeholder)
  return image === null ? null : sourceDataInfo(ctx, image)
}

/** The generic v1 `listInfo`: per target its id, box and crop (protocol §4.4). */
export function ipcListInfo(ctx: PostContext, targets: IpcTarget[], kind: ImageKind): XmlElement {
  return list(
    ctx,
    'listInfo',
    targets.map((target) => {
      const image = imageOf(ctx, kind)
      return el('item', null, [
        leaf(ctx, 'targetId', target.targetId, 'tuint32'),
        rectElement(ctx, target.rect),
        image && targetImageData(ctx, image, target.targetType ?? 1),
      ])
    }),
  )
}
