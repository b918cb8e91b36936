import { createHash } from 'node:crypto'
import { normalizeMac, type Point, type ViewtronEvent } from '@viewtron/core'
import { foldPlate, normalizePlate } from './plate-text.js'
import type { StoredEvent, StoredImageFile } from './stored-event.js'

/** The `events` columns as written (named parameters of the insert). */
export interface EventColumns {
  received_at: number
  device_time: number | null
  raw_time: string
  category: string
  alarm_type: string
  alarm_description: string
  source: string
  format: string
  device_name: string
  device_ip: string
  device_mac: string
  device_sn: string
  channel_id: number | null
  client_ip: string
  plate: string | null
  plate_norm: string | null
  plate_fold: string | null
  plate_group: string | null
  plate_list: string | null
  direction: string | null
  confidence: number | null
  target_type: string | null
  region: string | null
  target_count: number
  image_count: number
  image_bytes: number
  json: string
  /** Identifies a retried post's event (see {@link eventColumns}); `null` without a device time. */
  event_key: string | null
}

/** A row of `events` as read (the columns plus the id). */
export type EventRow = EventColumns & { id: number }

/** A row of `images` as read. */
export interface ImageRow {
  event_id: number
  role: string
  file: string
  bytes: number
  width: number | null
  height: number | null
}

function regionOf(event: ViewtronEvent): Point[] | null {
  if (!('region' in event)) return null
  if (event.region !== null) return event.region
  return event.line === null ? null : [event.line.start, event.line.end]
}

function targetCountOf(event: ViewtronEvent): number {
  if ('targets' in event) return event.targets.length
  if (event.category === 'face') return event.faces.length
  return 1
}

/** The columns of one event; `images` are the files already written for it. */
export function eventColumns(
  event: ViewtronEvent,
  images: readonly { bytes: number }[],
): EventColumns {
  const lpr = event.category === 'lpr' ? event : null
  const plate = lpr !== null && lpr.plateNumber !== '' ? lpr.plateNumber : null
  const region = regionOf(event)
  let targetType: string | null = null
  if ('targetType' in event) targetType = event.targetType
  else if (event.category === 'traject') targetType = event.targets[0]?.targetType ?? null
  return {
    received_at: event.receivedAt.getTime(),
    device_time: event.time?.getTime() ?? null,
    raw_time: event.rawTime,
    category: event.category,
    alarm_type: event.alarmType,
    alarm_description: event.alarmDescription,
    source: event.source,
    format: event.format,
    device_name: event.device.name,
    device_ip: event.device.ip,
    device_mac: event.device.mac === '' ? '' : normalizeMac(event.device.mac),
    device_sn: event.device.sn,
    channel_id: event.device.channelId,
    client_ip: event.clientIp,
    plate,
    plate_norm: plate === null ? null : normalizePlate(plate),
    plate_fold: plate === null ? null : foldPlate(plate),
    plate_group: lpr?.plateGroup ?? null,
    plate_list: lpr?.plateList ?? null,
    direction: lpr?.direction ?? null,
    confidence: lpr?.confidence ?? null,
    target_type: targetType,
    region: region === null ? null : JSON.stringify(region),
    target_count: targetCountOf(event),
    image_count: images.length,
    image_bytes: images.reduce((sum, image) => sum + image.bytes, 0),
    json: JSON.stringify(event),
    event_key: eventKey(event, region, targetCountOf(event)),
  }
}

/**
 * What makes a retried post the same event: the device, the alarm, its device time (to the
 * millisecond, as sent), the plate, the target's place and count. `null` without a device time,
 * where two distinct events could look alike.
 */
function eventKey(event: ViewtronEvent, region: unknown, targets: number): string | null {
  if (event.rawTime === '') return null
  const parts = [
    event.clientIp,
    event.device.mac,
    event.device.sn,
    String(event.device.channelId ?? ''),
    event.category,
    event.alarmType,
    event.rawTime,
    event.category === 'lpr' ? event.plateNumber : '',
    JSON.stringify(region ?? null),
    String(targets),
    String(event.images.length),
  ]
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32)
}

/** A row read back, with its image files (paths made absolute by `imagePath`). */
export function storedEvent(
  row: EventRow,
  images: readonly ImageRow[],
  imagePath: (file: string) => string,
): StoredEvent {
  return {
    id: row.id,
    category: row.category as StoredEvent['category'],
    alarmType: row.alarm_type,
    alarmDescription: row.alarm_description,
    receivedAt: new Date(row.received_at),
    deviceTime: row.device_time === null ? null : new Date(row.device_time),
    camera: {
      name: row.device_name,
      mac: row.device_mac,
      sn: row.device_sn,
      ip: row.device_ip,
      channelId: row.channel_id,
      clientIp: row.client_ip,
    },
    plate: row.plate,
    plateGroup: row.plate_group ?? '',
    plateList: row.plate_list,
    direction: row.direction,
    confidence: row.confidence,
    targetType: row.target_type,
    region: row.region === null ? null : (JSON.parse(row.region) as Point[]),
    targetCount: row.target_count,
    images: images.map(
      (image): StoredImageFile => ({
        role: image.role as StoredImageFile['role'],
        path: imagePath(image.file),
        bytes: image.bytes,
        width: image.width,
        height: image.height,
      }),
    ),
    event: JSON.parse(row.json) as StoredEvent['event'],
  }
}
