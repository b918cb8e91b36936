import { ipcEventPost } from './ipcEnvelope.js'
import { ipcListInfo, ipcOverview } from './ipcParts.js'
import type { IpcPostOptions } from './postOptions.js'
import type { PostContext } from './postParts.js'
import type { Rect } from './shapes.js'

/** Options of {@link ipcFacePost}. */
export interface IpcFaceOptions extends IpcPostOptions {
  /** `VFD` (detection) or `VFD_MATCH` (match against the camera's library). @default 'VFD' */
  smartType?: string
  /** One `listInfo` item per face, each with a face crop. @default one face */
  faces?: { targetId: number; rect: Rect }[]
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
  return ipcEventPost(
    options.smartType ?? 'VFD',
    [ipcOverview(ctx), ipcListInfo(ctx, targets, 'face')],
    options,
  )
}
