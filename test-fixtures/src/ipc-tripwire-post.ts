import { ipcEventPost } from './ipc-envelope.js'
import { ipcListInfo, ipcOverview } from './ipc-parts.js'
import type { IpcPostOptions } from './post-options.js'
import { leaf, list, type PostContext, pointElement, rectElement } from './post-parts.js'
import type { Line, Rect } from './shapes.js'
import { el } from './xml.js'

/** Options of {@link ipcTripwirePost}. */
export interface IpcTripwireOptions extends IpcPostOptions {
  /** @default 611 */
  eventId?: number
  /** @default 83 */
  targetId?: number
  /** @default 'SMART_START' */
  status?: string
  /** The tripwire, normalised. */
  line?: Line
  rect?: Rect
  /**
   * Where the points sit: in `line` (the sample), in `lineInfo` (a doc table), or directly under
   * the item (a doc illustration).
   * @default 'line'
   */
  lineWrapper?: 'line' | 'lineInfo' | 'none'
  /** @default 1 */
  targetType?: number
}

/**
 * An IPC line-crossing post (`PEA` with `<tripwire>`, protocol §4.4): the line in
 * `tripwire/tripInfo`, the overview, and the target crop in `listInfo`.
 */
export function ipcTripwirePost(options: IpcTripwireOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const targetId = options.targetId ?? 83
  const rect = options.rect ?? { x1: 3900, y1: 2600, x2: 5600, y2: 9100 }
  const line = options.line ?? { start: { x: 4800, y: 900 }, end: { x: 5100, y: 9300 } }
  const points = [
    pointElement(ctx, 'startPoint', line.start),
    pointElement(ctx, 'endPoint', line.end),
  ]
  const wrapper = options.lineWrapper ?? 'line'
  const tripwire = el(
    'tripwire',
    null,
    list(ctx, 'tripInfo', [
      el('item', null, [
        leaf(ctx, 'eventId', options.eventId ?? 611, 'uint32'),
        leaf(ctx, 'targetId', targetId, 'uint32'),
        leaf(ctx, 'status', options.status ?? 'SMART_START', 'smartStatus'),
        ...(wrapper === 'none' ? points : [el(wrapper, null, points)]),
        rectElement(ctx, rect),
      ]),
    ]),
  )
  const targets = [{ targetId, rect, targetType: options.targetType ?? 1 }]
  return ipcEventPost(
    'PEA',
    [tripwire, ipcOverview(ctx), ipcListInfo(ctx, targets, 'person')],
    options,
  )
}
