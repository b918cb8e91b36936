import { nvrPost } from './nvr-envelope.js'
import type { NvrPostOptions } from './post-options.js'

/** Options of {@link nvrKeepalivePost}. */
export type NvrKeepaliveOptions = Pick<
  NvrPostOptions,
  'device' | 'version' | 'textCdata' | 'declaration' | 'bom' | 'comments' | 'namespace' | 'edit'
>

/** The NVR heartbeat (protocol §1.3): `messageType` `keepalive` and `deviceInfo` without `channelId`. */
export function nvrKeepalivePost(options: NvrKeepaliveOptions = {}): string {
  return nvrPost('keepalive', { time: null, channel: false, body: [] }, options)
}
