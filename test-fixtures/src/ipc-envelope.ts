import { DEFAULT_IPC_DEVICE, DEFAULT_IPC_TIME, type IpcPostOptions } from './post-options.js'
import { leaf, type PostContext, str } from './post-parts.js'
import { renderPost } from './render-post.js'
import { el, type XmlChild, type XmlElement, type XmlNode } from './xml.js'

/**
 * Detection codes in the `types` enum of a camera's capture-style posts (schema metadata listing
 * what this camera supports, never the event's type).
 */
const ALARM_ENUM = [
  'MOTION',
  'SENSOR',
  'PEA',
  'AVD',
  'OSC',
  'VFD',
  'VEHICE',
  'AOIENTRY',
  'AOILEAVE',
  'VSD',
]

/** The `types` block in one of its two shapes (protocol §4.3). */
function typesBlock(ctx: PostContext, shape: 'strings' | 'enums'): XmlElement {
  if (shape === 'strings') {
    return el('types', null, [
      leaf(
        ctx,
        'openAlramObj',
        'VEHICE,VFD_MATCH,PEA,VFD,VSD,AOIENTRY,AOILEAVE,PASSLINECOUNT,TRAFFIC',
        'string',
      ),
      leaf(ctx, 'targetType', '1,2,4', 'string'),
    ])
  }
  const enumList = (name: string, values: string[]) =>
    el(
      name,
      null,
      values.map((v) => el('enum', null, v)),
    )
  return el('types', null, [
    enumList('openAlramObj', ALARM_ENUM),
    enumList('subscribeRelation', ['ALARM', 'FEATURE_RESULT', 'ALARM_FEATURE']),
    enumList('perStatus', ['SMART_NONE', 'SMART_START', 'SMART_PROCEDURE', 'SMART_STOP']),
    enumList('targetType', ['person', 'car', 'motor']),
  ])
}

/**
 * Writes a v1 `config` post (event or traject) around `body`, in the sample or capture order.
 *
 * @param smartType - The detection code, or `null` for traject posts, which have none.
 * @param body - The type-specific blocks, in sample order. With header `'capture'`, direct
 *   `sourceDataInfo` blocks move to the end, after `relativeTime`, as in the real capture.
 */
export function ipcEventPost(
  smartType: string | null,
  body: XmlChild[],
  options: IpcPostOptions,
): string {
  const ctx: PostContext = { layout: 'v1', options }
  const capture = (options.header ?? 'sample') === 'capture'
  const types = options.types ?? (capture ? 'enums' : 'strings')
  const subscribe = options.subscribe ?? (capture ? 'option' : 'relation')
  const device =
    options.device === undefined ? (capture ? DEFAULT_IPC_DEVICE : null) : options.device

  const typeEl = types === 'none' ? null : typesBlock(ctx, types)
  const smartEl = smartType === null ? null : leaf(ctx, 'smartType', smartType, 'openAlramObj')
  // The element name and its `type` value are swapped between firmware (protocol §4.3).
  const subscribeEl =
    subscribe === 'relation'
      ? leaf(ctx, 'subscribeRelation', 'FEATURE_RESULT', 'subscribeOption')
      : leaf(ctx, 'subscribeOption', 'FEATURE_RESULT', 'subscribeRelation')
  const timeEl = leaf(ctx, 'currentTime', options.time ?? DEFAULT_IPC_TIME, 'tint64')
  const deviceEls =
    device === null
      ? []
      : [
          str(ctx, 'mac', device.mac),
          str(ctx, 'sn', device.sn),
          str(ctx, 'deviceName', device.name),
        ]

  const nodes = body.filter((n): n is XmlNode => n !== null && n !== undefined && n !== false)
  const children: XmlChild[] = capture
    ? [
        typeEl,
        smartEl,
        subscribeEl,
        timeEl,
        ...deviceEls,
        ...nodes.filter((n) => !isSource(n)),
        // Only event captures carry relativeTime; traject posts end with the traject list.
        smartType !== null && leaf(ctx, 'relativeTime', '83514272', 'tint64'),
        ...nodes.filter(isSource),
      ]
    : [smartEl, subscribeEl, timeEl, typeEl, ...deviceEls, ...nodes]
  return renderPost(el('config', { version: options.version ?? '1.7' }, children), options)
}

function isSource(node: XmlNode): boolean {
  return node.type === 'element' && node.name === 'sourceDataInfo'
}
