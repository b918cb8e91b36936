import { DEFAULT_NVR_DEVICE, type NvrPostOptions } from './post-options.js'
import { leaf, type PostContext, str } from './post-parts.js'
import { renderPost } from './render-post.js'
import { el, type XmlChild } from './xml.js'

/** The parts of a v2 post that differ by message type. */
export interface NvrEnvelopeParts {
  /** `config/smartType`, for `alarmData` only. */
  smartType?: string
  /** `currentTime` text; `null` leaves it out (keepalive). */
  time: string | null
  /** Write `deviceInfo/channelId` (not in keepalives). */
  channel: boolean
  body: XmlChild[]
}

/**
 * Writes a v2 `config` post: `messageType`, `deviceInfo`, `smartType`, `currentTime`, then the
 * body, the order every NVR sample has.
 */
export function nvrPost(
  messageType: string,
  parts: NvrEnvelopeParts,
  options: Omit<NvrPostOptions, 'time'>,
): string {
  const ctx: PostContext = { layout: 'v2', options }
  const device = options.device ?? DEFAULT_NVR_DEVICE
  const channelId = options.channelId === undefined ? 1 : options.channelId
  const root = el('config', { version: options.version ?? '2.0.0' }, [
    el('messageType', null, messageType),
    el('deviceInfo', null, [
      str(ctx, 'deviceName', device.name),
      str(ctx, 'ip', device.ip),
      str(ctx, 'mac', device.mac),
      parts.channel && channelId !== null && leaf(ctx, 'channelId', channelId, null),
    ]),
    parts.smartType !== undefined && el('smartType', null, parts.smartType),
    parts.time !== null && el('currentTime', null, parts.time),
    ...parts.body,
  ])
  return renderPost(root, options)
}
