import { ipcEventPost } from './ipc-envelope.js'
import { type IpcTarget, ipcListInfo, ipcOverview } from './ipc-parts.js'
import type { IpcPostOptions } from './post-options.js'
import type { PostContext } from './post-parts.js'

/** Options of {@link ipcTargetListPost}. */
export interface IpcTargetListOptions extends IpcPostOptions {
  /** `AOIENTRY`, `AOILEAVE`, `PASSLINECOUNT`, `TRAFFIC`, or any code with this body. */
  smartType: string
  /** One `listInfo` item each; an empty list is written self-closing. @default one person */
  targets?: IpcTarget[]
}

/**
 * An IPC post whose body is just the overview plus `listInfo` (no zone block): zone entry and
 * exit (`AOIENTRY`, `AOILEAVE`, as the samples) and counting (`PASSLINECOUNT`, `TRAFFIC`, whose
 * body is undocumented; the vendor SDK reads it this way).
 */
export function ipcTargetListPost(options: IpcTargetListOptions): string {
  const ctx: PostContext = { layout: 'v1', options }
  const targets = options.targets ?? [
    { targetId: 91, rect: { x1: 2100, y1: 3300, x2: 4200, y2: 8700 }, targetType: 1 },
  ]
  return ipcEventPost(
    options.smartType,
    [ipcOverview(ctx), ipcListInfo(ctx, targets, 'person')],
    options,
  )
}
