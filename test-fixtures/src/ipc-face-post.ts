import { cornerElements } from './api21-plate-items.js'
import { ipcEventPost } from './ipc-envelope.js'
import { ipcListInfo, ipcOverview } from './ipc-parts.js'
import type { IpcPostOptions } from './post-options.js'
import type { PostContext } from './post-parts.js'
import type { Rect } from './shapes.js'

/** Options of {@link ipcFacePost}. */
export interface IpcFaceOptions extends IpcPostOptions {
  /** `VFD` (detection) or `VFD_MATCH` (match against the camera's library). @default 'VFD' */
  smartType?: string
  /** One `listInfo` item per face, each with a face crop. @default one face */
  faces?: { targetId: number; rect: Rect }[]
  /**
   * Write each face box as `rect` (the sample) or as four corner points `leftTop`, `rightTop`,
   * `leftBottom`, `rightBottom` in pixels (some firmware), taking the rect's numbers as pixels.
   * @default 'rect'
   */
  box?: 'rect' | 'corners'
}

/**
 * An IPC face post (`VFD`, `VFD_MATCH`; protocol §4.7): the overview in `sourceDataInfo`, then a
 * `listInfo` item per face. v1 carries no face attributes.
 */
export function ipcFacePost(options: IpcFaceOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const faces = options.faces ?? [
    { targetId: 118, rect: { x1: 4310, y1: 1720, x2: 5480, y2: 3960 } },
  ]
  const targets = faces.map((face) => ({ ...face, targetType: 1 }))
  const listInfo = ipcListInfo(ctx, targets, 'face')
  if (options.box === 'corners') {
    listInfo.children.forEach((item, i) => {
      const r = faces[i]?.rect
      if (item.type !== 'element' || r === undefined) return
      const at = item.children.findIndex((c) => c.type === 'element' && c.name === 'rect')
      item.children.splice(
        at,
        1,
        ...cornerElements(ctx, {
          leftTop: { x: r.x1, y: r.y1 },
          rightTop: { x: r.x2, y: r.y1 },
          leftBottom: { x: r.x1, y: r.y2 },
          rightBottom: { x: r.x2, y: r.y2 },
        }),
      )
    })
  }
  return ipcEventPost(options.smartType ?? 'VFD', [ipcOverview(ctx), listInfo], options)
}
