import type { CountingEvent, EventImage, ViewtronEvent } from '@viewtron/core'
import { cameraLabel } from './camera-label.js'
import { formatBytes } from './format-bytes.js'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Local wall-clock time with milliseconds, `14:03:07.412`: traject posts come 6–12 a second. */
export function formatClock(date: Date): string {
  const ms = String(date.getMilliseconds()).padStart(3, '0')
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}.${ms}`
}

/** The category-specific part of a line: plate and group, or what was detected. */
export function describeEvent(event: ViewtronEvent): string {
  switch (event.category) {
    case 'lpr': {
      const plate = event.plateNumber === '' ? '(no plate)' : event.plateNumber
      return event.plateGroup === '' ? plate : `${plate} [${event.plateGroup}]`
    }
    case 'face': {
      const count = event.faces.length
      const face = event.face
      const traits =
        face === null ? [] : [face.sex, face.age].filter((t) => t !== '' && t !== 'unknown')
      const noun = `${count} face${count === 1 ? '' : 's'}`
      return traits.length === 0 ? noun : `${noun} (${traits.join(', ')})`
    }
    case 'intrusion':
      return `${event.subtype} ${event.targetType || 'target'}`
    case 'counting':
      return `${event.subtype} ${event.targetType || 'target'}${describeCounts(event)}`
    case 'metadata':
    case 'other':
      return event.targetType || event.alarmType
    case 'traject':
      return event.targets.length === 0
        ? 'no targets'
        : event.targets.map((t) => `${t.targetType || 'target'} #${t.targetId ?? '?'}`).join(', ')
  }
}

const COUNTED_CLASSES = ['person', 'car', 'motor'] as const

/** ` (12 in, 9 out, 3 inside)`: the camera's counters for the event's target class, if it sends them. */
function describeCounts(event: CountingEvent): string {
  const { counts } = event
  const type = COUNTED_CLASSES.find((c) => c === event.targetType)
  if (counts === null || type === undefined) return ''
  const [enter, leave, exist] = [counts.enter[type], counts.leave[type], counts.exist[type]]
  if (enter === null || leave === null) return ''
  return ` (${enter} in, ${leave} out${exist === null ? '' : `, ${exist} inside`})`
}

/** `overview 1280x720 312 KB`, `crop 128x64 2 KB`, or `overview (invalid)`. */
export function describeImage(image: EventImage): string {
  const role = image.role === 'source' ? 'overview' : 'crop'
  if (!image.valid) return `${role} (invalid)`
  const size =
    image.width !== null && image.height !== null ? ` ${image.width}x${image.height}` : ''
  return `${role}${size} ${formatBytes(image.byteLength)}`
}

/**
 * One readable line per event: local time (the camera's clock, else the arrival time), camera,
 * category, the vendor description, plate/group or target, and the images' sizes.
 *
 * @example
 * ```text
 * 14:03:07.412  Gate Camera       lpr        License Plate Detection   KLM4821 [whiteList]  overview 1920x1080 257 KB, crop 150x50 2 KB
 * ```
 */
export function formatEvent(event: ViewtronEvent): string {
  const columns = [
    formatClock(event.time ?? event.receivedAt),
    cameraLabel(event).padEnd(16),
    event.category.padEnd(9),
    event.alarmDescription.padEnd(25),
    describeEvent(event),
  ]
  const images = event.images.map(describeImage).join(', ')
  return `${columns.join('  ')}${images === '' ? '' : `  ${images}`}`
}
