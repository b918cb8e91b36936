import { ipcEventPost } from './ipc-envelope.js'
import { ipcOverview } from './ipc-parts.js'
import type { IpcPostOptions } from './post-options.js'
import type { PostContext } from './post-parts.js'

/** Options of {@link ipcOtherPost}. */
export interface IpcOtherOptions extends IpcPostOptions {
  /** `MOTION`, `SENSOR`, `AVD`, `OSC`, `CPC`, … or an unknown code. */
  smartType: string
}

/**
 * An IPC post for a code the vendor SDK leaves unmapped (`MOTION`, `SENSOR`, `AVD`, …) or an
 * unknown one. Their bodies are undocumented, so it carries the header and, unless images are
 * `'none'`, an overview in `sourceDataInfo`.
 */
export function ipcOtherPost(options: IpcOtherOptions): string {
  const ctx: PostContext = { layout: 'v1', options }
  return ipcEventPost(options.smartType, [ipcOverview(ctx)], options)
}
