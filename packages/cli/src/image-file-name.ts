import type { EventImage, ViewtronEvent } from '@viewtron/core'
import { cameraLabel } from './camera-label.js'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Most UTF-8 bytes one part of a name takes: every file system allows 255 for a whole name. */
const PART_BYTES = 48

/**
 * Keeps a part of a file name safe on every file system while readable in any script: letters,
 * marks and digits of every language (a plate such as `京A12345` stays as it is), `.` and `-`.
 * Anything else (path separators, `:`, `*`, `?`, quotes, `<>|`, control characters, spaces)
 * becomes one `-`; no part starts with `.` or `-` (no hidden files, no options). Text is put
 * in NFC form and cut, at a character boundary, to {@link PART_BYTES} UTF-8 bytes.
 */
export function safeNamePart(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}.-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  let out = ''
  let bytes = 0
  for (const char of cleaned) {
    bytes += Buffer.byteLength(char)
    if (bytes > PART_BYTES) break
    out += char
  }
  return out.replace(/[-.]+$/, '')
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
  const parts = [
    stamp(event.time ?? event.receivedAt),
    safeNamePart(cameraLabel(event)) || 'camera',
  ]
  parts.push(event.category)
  const plate = event.category === 'lpr' ? safeNamePart(event.plateNumber) : ''
  if (plate !== '') parts.push(plate)
  const role = image.role === 'source' ? 'overview' : 'crop'
  parts.push(ordinal > 1 ? `${role}-${ordinal}` : role)
  return parts.join('_')
}
