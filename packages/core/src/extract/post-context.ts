import type { EventCommon } from '../event-fields.js'
import type { EventImage } from '../event-image.js'
import type { ImageSite, XmlElement } from '../parser/element-tree.js'
import type { EventFormat, EventSource } from '../types.js'
import { readDevice } from './device.js'
import type { PostImages } from './images.js'
import { text } from './read.js'
import { parseCurrentTime } from './time.js'

/** What every builder knows about the post in hand. */
export interface PostContext {
  root: XmlElement
  /** Image elements in document order. */
  sites: readonly ImageSite[]
  source: EventSource
  format: EventFormat
  configVersion: string
  clientIp: string
  receivedAt: Date
  alarmType: string
  alarmDescription: string
}

/** The fields every event shares. */
export function commonFields(
  ctx: PostContext,
  images: PostImages,
  sourceImage: EventImage | null,
  targetImage: EventImage | null,
): EventCommon {
  const rawTime = text(ctx.root, 'currenttime')
  return {
    alarmType: ctx.alarmType,
    alarmDescription: ctx.alarmDescription,
    source: ctx.source,
    format: ctx.format,
    configVersion: ctx.configVersion,
    device: readDevice(ctx.root),
    clientIp: ctx.clientIp,
    time: parseCurrentTime(rawTime),
    rawTime,
    receivedAt: ctx.receivedAt,
    images: images.all,
    sourceImage,
    targetImage,
  }
}
