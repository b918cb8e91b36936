import { DEFAULT_IPC_DEVICE, type DocumentOptions, type IpcDevice } from './post-options.js'
import { type PostContext, str } from './post-parts.js'
import { renderPost } from './render-post.js'
import { el, type XmlElement } from './xml.js'

/** One alarm source in a status post. */
export interface AlarmSpec {
  /** The alarm element name (`perimeterAlarm`, `vehiceAlarm`, `VFDAlarm`, …). */
  name: string
  /** `true`/`false`, or any text. */
  value: boolean | string
  /** The `id` attribute (rule or channel number); `null` leaves it out. @default 1 */
  id?: string | number | null
}

/** Options of {@link ipcAlarmStatusPost}. */
export interface IpcAlarmStatusOptions extends DocumentOptions {
  /** @default one `perimeterAlarm` turning on */
  alarms?: AlarmSpec[]
  /**
   * `dataTime` text: local time, `YYYY-MM-DD HH:mm:ss` or `MM-DD-YYYY hh:mm:ss AM`.
   * @default '2026-03-29 09:58:21'
   */
  dataTime?: string
  /** @default {@link DEFAULT_IPC_DEVICE} */
  device?: IpcDevice
  /** `deviceInfo/deviceNo.`. @default '1' */
  deviceNo?: string
}

/**
 * A v1 alarm-status post (protocol §2.3): each alarm element carries its boolean, then the
 * local `dataTime` (sic) and the camera's `deviceInfo`. About 660 bytes.
 */
export function ipcAlarmStatusPost(options: IpcAlarmStatusOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const alarms = options.alarms ?? [{ name: 'perimeterAlarm', value: true }]
  const root = el('config', { version: options.version ?? '1.7' }, [
    el(
      'alarmStatusInfo',
      null,
      alarms.map((alarm) => {
        const id = alarm.id === undefined ? 1 : alarm.id
        return el(
          alarm.name,
          id === null ? { type: 'boolean' } : { type: 'boolean', id },
          String(alarm.value),
        )
      }),
    ),
    ...statusIdentity(ctx, options, 'ipAddress'),
  ])
  return renderPost(root, options)
}

/**
 * The `dataTime` and `deviceInfo` that close a v1 status post (and make up the legacy alarm
 * server's heartbeat). Unlike events, these fields carry no type attributes.
 *
 * @param address - `'ipAddress'` writes `ipAddress`/`macAddress`, `'ip'` writes `ip`/`mac`.
 */
export function statusIdentity(
  ctx: PostContext,
  options: Pick<IpcAlarmStatusOptions, 'dataTime' | 'device' | 'deviceNo'>,
  address: 'ipAddress' | 'ip',
): XmlElement[] {
  const device = options.device ?? DEFAULT_IPC_DEVICE
  const long = address === 'ipAddress'
  return [
    str(ctx, 'dataTime', options.dataTime ?? '2026-03-29 09:58:21', null),
    el('deviceInfo', null, [
      str(ctx, 'deviceName', device.name, null),
      str(ctx, 'deviceNo.', options.deviceNo ?? '1', null),
      str(ctx, 'sn', device.sn, null),
      str(ctx, long ? 'ipAddress' : 'ip', device.ip, null),
      str(ctx, long ? 'macAddress' : 'mac', device.mac, null),
    ]),
  ]
}
