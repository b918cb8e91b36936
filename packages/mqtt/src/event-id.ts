import { createHash } from 'node:crypto'
import type { ViewtronEvent } from '@viewtron/core'

/** The target id an event names, if any (detections, plates, the first face). */
function targetIdOf(event: ViewtronEvent): number | null {
  switch (event.category) {
    case 'lpr':
      return event.targetId
    case 'face':
      return event.face?.targetId ?? null
    case 'traject':
      return event.targets[0]?.targetId ?? null
    default:
      return event.targetId
  }
}

/**
 * A deterministic event id: the same for a camera's retry of a post and for a QoS 1 duplicate,
 * so consumers can drop repeats. Built from the camera, alarm type, device time, target id and
 * plate (and the detection's event id when it has one); 24 hex digits.
 */
export function eventIdOf(event: ViewtronEvent, cameraId: string): string {
  const parts = [
    cameraId,
    event.alarmType,
    event.time?.toISOString() ?? '',
    event.rawTime,
    String(targetIdOf(event) ?? ''),
    event.category === 'lpr' ? event.plateNumber : '',
    'eventId' in event ? String(event.eventId ?? '') : '',
  ]
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)
}
