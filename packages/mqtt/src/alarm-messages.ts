import type { AlarmStatus } from '@viewtron/core'
import type { OutgoingMessage } from './event-messages.js'
import { retained } from './retained-message.js'
import { alarmKey, type Topics } from './topics.js'

/** `ON` / `OFF` per alarm key of an alarm-status post (alarms it reports no state for left out). */
export function alarmStates(status: AlarmStatus): Map<string, 'ON' | 'OFF'> {
  const alarms = new Map<string, 'ON' | 'OFF'>()
  for (const alarm of status.alarms) {
    if (alarm.active !== null) alarms.set(alarmKey(alarm.name), alarm.active ? 'ON' : 'OFF')
  }
  return alarms
}

/** One retained message per alarm on `<prefix>/<cameraId>/alarm/<key>`. */
export function alarmMessages(
  topics: Topics,
  cameraId: string,
  alarms: ReadonlyMap<string, 'ON' | 'OFF'>,
): OutgoingMessage[] {
  return [...alarms].map(([key, value]) =>
    retained(topics.alarm(cameraId, key), Buffer.from(value), 'text/plain', cameraId),
  )
}
