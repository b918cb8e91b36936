import { nvrPost } from './nvr-envelope.js'
import { DEFAULT_NVR_STATUS_TIME, type NvrPostOptions } from './post-options.js'
import { el } from './xml.js'

/** One alarm source of a v2 status post, with one state per rule. */
export interface NvrAlarmSpec {
  /** `perimeterAlarm`, `passlineAlarm`, `vfdAlarm`, `motionAlarm`, `chlOfflineAlarm`, … */
  name: string
  /** One `<item id="…">true</item>` each; `id: null` leaves the attribute out. */
  items: { id?: string | number | null; value: boolean | string }[]
  /**
   * Start the list with `<itemType type="boolean"/>`, as the poll API's list form does; parsers
   * must skip it.
   * @default false
   */
  itemType?: boolean
}

/** Options of {@link nvrAlarmStatusPost}. */
export interface NvrAlarmStatusOptions
  extends Omit<
    NvrPostOptions,
    'images' | 'imageSizes' | 'seed' | 'cdata' | 'lineBreaks' | 'cdataSections'
  > {
  /** @default one `perimeterAlarm` rule 1 turning on */
  alarms?: NvrAlarmSpec[]
}

/**
 * A v2 alarm-status post (protocol §2.3): `alarmStatusInfo` after `currentTime`, each alarm
 * element wrapping `item` states. `currentTime` is whole seconds, as NVRs send.
 */
export function nvrAlarmStatusPost(options: NvrAlarmStatusOptions = {}): string {
  const alarms = options.alarms ?? [{ name: 'perimeterAlarm', items: [{ id: 1, value: true }] }]
  const info = el(
    'alarmStatusInfo',
    null,
    alarms.map((alarm) =>
      el(alarm.name, null, [
        alarm.itemType === true && el('itemType', { type: 'boolean' }),
        ...alarm.items.map((item) => {
          const id = item.id === undefined ? 1 : item.id
          return el('item', id === null ? null : { id }, String(item.value))
        }),
      ]),
    ),
  )
  return nvrPost(
    'alarmStatus',
    { time: options.time ?? DEFAULT_NVR_STATUS_TIME, channel: true, body: [info] },
    options,
  )
}
