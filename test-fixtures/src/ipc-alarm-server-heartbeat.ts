import { type IpcAlarmStatusOptions, statusIdentity } from './ipc-alarm-status-post.js'
import type { PostContext } from './post-parts.js'
import { renderPost } from './render-post.js'
import { el } from './xml.js'

/** Options of {@link ipcAlarmServerHeartbeat}. */
export type IpcAlarmServerHeartbeatOptions = Omit<IpcAlarmStatusOptions, 'alarms'>

/**
 * The legacy alarm server's heartbeat (protocol §1.3, the fourth form): a v1 `config` holding only
 * `dataTime` and `deviceInfo` (`deviceName`, `deviceNo.`, `sn`, `ip`, `mac`).
 */
export function ipcAlarmServerHeartbeat(options: IpcAlarmServerHeartbeatOptions = {}): string {
  const ctx: PostContext = { layout: 'v1', options }
  const root = el(
    'config',
    { version: options.version ?? '1.7' },
    statusIdentity(ctx, options, 'ip'),
  )
  return renderPost(root, options)
}
