import type { XmlElement } from '../parser/element-tree.js'
import type { AlarmState, AlarmStatus, EventFormat, EventSource } from '../types.js'
import { readDevice } from './device.js'
import { child, text } from './read.js'
import { parseCurrentTime, parseDataTime } from './time.js'

function state(name: string, value: string, id: string | undefined): AlarmState {
  const lower = value.toLowerCase()
  return {
    name,
    value,
    active: lower === 'true' ? true : lower === 'false' ? false : null,
    id: id ?? null,
  }
}

/**
 * Alarm on/off posts in either shape: the alarm element carries the boolean (v1), or wraps `item`
 * children that do (v2). Non-item children such as `<itemType/>` are skipped.
 */
export function readAlarmStatus(
  root: XmlElement,
  meta: {
    source: EventSource
    format: EventFormat
    configVersion: string
    clientIp: string
    receivedAt: Date
  },
): AlarmStatus {
  const alarms: AlarmState[] = []
  for (const alarm of child(root, 'alarmstatusinfo')?.children ?? []) {
    if (alarm.children.length === 0) {
      alarms.push(state(alarm.name, alarm.text, alarm.attrs.id))
      continue
    }
    for (const item of alarm.children) {
      if (item.key === 'item')
        alarms.push(state(alarm.name, item.text, item.attrs.id ?? alarm.attrs.id))
    }
  }
  const current = text(root, 'currenttime')
  const rawTime = current || text(root, 'datatime')
  return {
    ...meta,
    device: readDevice(root),
    alarms,
    time: current !== '' ? parseCurrentTime(current) : parseDataTime(rawTime),
    rawTime,
  }
}
