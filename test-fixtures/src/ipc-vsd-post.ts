import { ipcEventPost } from './ipc-envelope.js'
import type { IpcPostOptions } from './post-options.js'
import { imageOf, type PostContext, sourceDataInfo, targetImageData } from './post-parts.js'
import { el } from './xml.js'

/** Options of {@link ipcVsdPost}. */
export interface IpcVsdOptions extends IpcPostOptions {
  /** Numeric class of the crop (1 person, 2 car, 4 motor). @default 1 */
  targetType?: number
}

/**
 * An IPC video-metadata post (`VSD`, protocol §4.6): both images inside a `vsd` wrapper, no
 * target list, ids or box.
 */
export function ipcVsdPost(options: IpcVsdOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const overview = imageOf(ctx, 'overview')
  const crop = imageOf(ctx, 'person')
  const vsd = el('vsd', null, [
    overview && sourceDataInfo(ctx, overview),
    crop && targetImageData(ctx, crop, options.targetType ?? 1),
  ])
  return ipcEventPost('VSD', [vsd], options)
}
