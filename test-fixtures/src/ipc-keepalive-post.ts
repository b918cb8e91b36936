import { DEFAULT_IPC_DEVICE, type DocumentOptions, type IpcDevice } from './post-options.js'
import { type PostContext, str } from './post-parts.js'
import { renderPost } from './render-post.js'
import { el } from './xml.js'

/** Options of {@link ipcKeepalivePost}. */
export interface IpcKeepaliveOptions extends Omit<DocumentOptions, 'version'> {
  /** @default {@link DEFAULT_IPC_DEVICE} */
  device?: IpcDevice
  /** `DeviceNo.`. @default '1' */
  deviceNo?: string
}

/**
 * The `DeviceInfo` heartbeat (protocol §1.3): no namespace, no version, capitalised
 * `DeviceName`/`SN`, and a dot in `DeviceNo.`. Only `SN` is CDATA, as in the docs.
 */
export function ipcKeepalivePost(options: IpcKeepaliveOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const device = options.device ?? DEFAULT_IPC_DEVICE
  const root = el('DeviceInfo', null, [
    el('DeviceName', null, device.name),
    el('DeviceNo.', null, options.deviceNo ?? '1'),
    str(ctx, 'SN', device.sn, null),
    el('ipAddress', null, device.ip),
    el('macAddress', null, device.mac),
  ])
  return renderPost(root, options, false)
}
