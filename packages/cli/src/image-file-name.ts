import type { EventImage, ViewtronEvent } from '@viewtron/core'
import { cameraLabel } from './camera-label.js'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Keeps names portable: letters, digits, `.` and `-`; anything else becomes one `-`. */
function safe(text: string): string {
  return text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 40)
}

/** Local time as `20260329-095821.902`, so names sort in time order. */
function stamp(date: Date): string {
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  return `${day}-${time}.${pad(date.getMilliseconds(), 3)}`
}

/**
 * The base name (without `.jpg`) of a saved image: time, camera, category, plate where there is
 * one, and the image's role, e.g. `20260329-095821.902_Gate-Camera_lpr_KLM4821_overview`.
 * `ordinal` (1-based) tells apart several images of one role in one event.
 */
export function imageBaseName(event: ViewtronEvent, image: EventImage, ordinal: number): string {
  const parts = [stamp(event.time ?? event.receivedAt), safe(cameraLabel(event)) || 'camera']
  parts.push(event.category)
  if (event.category === 'lpr' && event.plateNumber !== '') parts.push(safe(event.plateNumber))
  const role = image.role === 'source' ? 'overview' : 'crop'
  parts.push(ordinal > 1 ? `${role}-${ordinal}` : role)
  return parts.join('_')
}
