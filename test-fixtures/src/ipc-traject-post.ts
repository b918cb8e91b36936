import { ipcEventPost } from './ipc-envelope.js'
import type { IpcPostOptions } from './post-options.js'
import { leaf, list, type PostContext, pointElement, rectElement } from './post-parts.js'
import type { Rect } from './shapes.js'
import { el } from './xml.js'

/** One tracked target of a traject post. */
export interface TrajectTargetSpec {
  targetId: number
  /** A string here (`person`, `car`, `motor`), unlike the numeric v1 image `targetType`. */
  targetType: string
  rect: Rect
}

/** Options of {@link ipcTrajectPost}. */
export interface IpcTrajectOptions extends Omit<IpcPostOptions, 'images'> {
  /** @default one person */
  targets?: TrajectTargetSpec[]
}

/**
 * An IPC `traject` (real-time tracking) post, protocol §8: no `smartType`, no images, the real
 * capture's header (`types` enum lists, `subscribeOption`, device fields). About 1.7 KB with one
 * target, like the real ones.
 */
export function ipcTrajectPost(options: IpcTrajectOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const targets = options.targets ?? [
    { targetId: 77, targetType: 'person', rect: { x1: 2250, y1: 1830, x2: 4120, y2: 8870 } },
  ]
  const traject = list(
    ctx,
    'traject',
    targets.map((target) =>
      el('item', null, [
        leaf(ctx, 'targetId', target.targetId, 'uint32'),
        // Observed always 0,0 (unused), like velocity and direction.
        pointElement(ctx, 'point', { x: 0, y: 0 }),
        rectElement(ctx, target.rect),
        leaf(ctx, 'velocity', 0, 'uint32'),
        leaf(ctx, 'direction', 0, 'uint32'),
        leaf(ctx, 'targetType', target.targetType, 'targetType'),
        list(ctx, 'trajectlength', []),
      ]),
    ),
  )
  return ipcEventPost(null, [traject], { header: 'capture', ...options })
}
