import type { SecureContextOptions, TlsOptions } from 'node:tls'
import type { ViewtronEvent } from '../event.js'
import type { AlarmStatus, ImageMode, Keepalive, ParseLimits, UnparsedReason } from '../types.js'
import type { BasicAuthOptions } from './access-control.js'
import type { CameraInfo } from './camera-registry.js'
import type { ViewtronServerError } from './server-error.js'

/** What {@link ViewtronServerOptions.tls} accepts: anything `https.createServer` takes for TLS. */
export type TlsServerOptions = SecureContextOptions & TlsOptions

/**
 * What a subscriber's queue does when it holds `highWaterMark` events: `'block'` holds the
 * camera's reply and stops reading request bodies until the queue drains (nothing is lost);
 * `'drop-newest'` discards the arriving event; `'drop-oldest'` discards the oldest queued one.
 * Drops are counted in `stats()`.
 */
export type OverflowPolicy = 'block' | 'drop-newest' | 'drop-oldest'

/** Queue settings for one subscriber of {@link ViewtronServer.events}. */
export interface QueueOptions {
  /**
   * Events the subscriber may hold unread before `overflow` applies. With `'block'` the queue can
   * briefly exceed it by the number of posts already in flight, which are held, not dropped.
   * @default 256
   */
  highWaterMark?: number
  /**
   * What to do when the queue is full.
   * @default 'block'
   */
  overflow?: OverflowPolicy
}

/** Options of one {@link ViewtronServer.events} call; unset fields come from the server's `queue`. */
export interface EventsOptions extends QueueOptions {
  /** Unsubscribes when aborted: queued events are discarded and the loop throws `signal.reason`. */
  signal?: AbortSignal
}

/** A post that did not become an event, keepalive or alarm status. */
export interface UnparsedInfo {
  /** The socket peer that sent the post. */
  clientIp: string
  /** Why the body was not parsed; match on this, not on {@link UnparsedInfo.detail}. */
  reason: UnparsedReason
  /** A human-readable explanation for logs (which limit was hit, what the parser saw). */
  detail: string
}

/** Settings of a {@link ViewtronServer}. Every field is optional. */
export interface ViewtronServerOptions extends ParseLimits {
  /**
   * TCP port; `0` picks a free one (read it from {@link ViewtronServer.listen}'s result).
   * @default 5050
   */
  port?: number
  /**
   * Address to bind. Unset listens on every interface (IPv6 and IPv4 where the system allows).
   * @default undefined (all interfaces)
   */
  host?: string
  /**
   * Accept POSTs only on this path (compared with the request's pathname, so the NVR's absolute
   * URL `http://host:port/API` matches `'/API'`); other paths get `404`. Unset accepts any path,
   * since the path is whatever the installer typed into the device.
   * @default undefined (any path)
   */
  path?: string
  /**
   * Called for every event (never for keepalives or alarm status). A returned promise is awaited
   * before the post is acknowledged, so a slow callback slows that camera's replies. Throwing (or
   * rejecting with) a {@link RefusePost} refuses the post: `503` with `Retry-After`, no
   * subscriber gets the event, and the device sends it again later. Any other error goes to
   * `onError` and the post is acknowledged.
   */
  onEvent?: (event: ViewtronEvent, clientIp: string) => unknown
  /** Called once per client IP, on its first post of any kind (usually a heartbeat). */
  onConnect?: (clientIp: string) => unknown
  /**
   * Called with the body as UTF-8 text before the event is dispatched; never for `traject` posts
   * or empty heartbeats. Only when set does the server keep each body's raw bytes until it ends:
   * up to `maxBodyBytes` per post in flight (image posts are 0.4–0.65 MB), plus the string.
   */
  onRaw?: (xmlText: string, clientIp: string) => unknown
  /** Called for every post that did not become an event, keepalive or alarm status. */
  onUnparsed?: (info: UnparsedInfo) => unknown
  /**
   * Called for alarm on/off posts (`alarmStatusInfo`); these never reach `onEvent` or `events()`.
   * Like `onEvent`, it may throw a {@link RefusePost} to refuse the post.
   */
  onAlarmStatus?: (status: AlarmStatus, clientIp: string) => unknown
  /**
   * Called for every heartbeat, whatever its form (after `onConnect` for a device's first post).
   * A returned promise is awaited before the reply; errors go to `onError` and never refuse.
   */
  onKeepalive?: (keepalive: Keepalive, clientIp: string) => unknown
  /**
   * Called when a device (a client IP) comes online, on its first post of any kind and on its
   * first post after an outage (`online: true`, awaited before that post's reply), and once per
   * outage when no post of any kind came for `offlineAfterMs` (`online: false`). `camera` is a
   * copy of the `cameras` entry at that moment. Errors go to `onError`.
   */
  onPresence?: (camera: CameraInfo, online: boolean) => unknown
  /**
   * How long a device may send nothing (no heartbeat, no event) before `onPresence` reports it
   * offline. Devices send a heartbeat every 30 s by default, so this is three missed ones.
   * @default 90000
   */
  offlineAfterMs?: number
  /**
   * Receives every failure that did not stop the server: a callback that threw or rejected, an
   * image that could not be written. The post is still acknowledged.
   * @default one line to stderr
   */
  onError?: (error: ViewtronServerError) => void
  /**
   * Where decoded images go: kept in memory, counted and dropped, or written to `{ dir }`.
   * @default 'memory'
   */
  images?: ImageMode
  /**
   * Largest body accepted. A larger declared `Content-Length` gets `413` before any byte is read
   * (and before `100 Continue`); a chunked body that grows past it gets `413`; both close the
   * connection.
   * @default 67108864 (64 MiB)
   */
  maxBodyBytes?: number
  /**
   * Defaults for each subscriber's queue (each {@link ViewtronServer.events} call may override).
   * @default { highWaterMark: 256, overflow: 'block' }
   */
  queue?: QueueOptions
  /**
   * Node's `server.keepAliveTimeout`: how long an idle keep-alive socket stays open. Cameras sit
   * idle between heartbeats for up to 120 s and silently stop posting to a server that closes
   * their socket (Node's own default is 5 s).
   * @default 130000
   */
  keepAliveTimeout?: number
  /**
   * Node's `headersTimeout`: longest time from a request's first byte (or from the connection, for
   * its first request) to the end of its headers. A sender that trickles its headers (slowloris),
   * or connects and sends nothing, gets `408` and is closed. Counted in `stats().rejected[408]`.
   * @default 60000
   */
  headersTimeout?: number
  /**
   * Node's `requestTimeout`: longest time to receive a whole request. Generous, so a large image
   * post over a slow link, or one held back by a full queue, is not cut off. `0` disables it.
   * Past it the client gets `408` (if no reply has started) and is closed.
   * @default 300000
   */
  requestTimeout?: number
  /**
   * Node's `connectionsCheckingInterval`: how often `headersTimeout` and `requestTimeout` are
   * checked, so a timeout takes effect up to this much later. Node's own 30 s would let the
   * default 60 s header timeout run to 90 s.
   * @default 10000
   */
  connectionsCheckingInterval?: number
  /**
   * Node's `maxHeaderSize`: the largest request line plus headers, in bytes. A larger one gets
   * `431` and is closed. Devices send a few hundred bytes.
   * @default 16384 (Node's default)
   */
  maxHeaderSize?: number
  /**
   * Node's `server.maxHeadersCount`: headers taken per request. What happens to further ones is
   * Node's choice and differs by line: Node 20 ignores them, Node 22 and later refuse the request
   * with `431`; `maxHeaderSize` bounds their bytes either way. `0` means no limit.
   * @default 2000 (Node's default)
   */
  maxHeadersCount?: number
  /**
   * Node's `maxRequestsPerSocket`; `0` means no limit. The last allowed reply carries
   * `Connection: close`; a request past it gets `503` from Node (counted in `rejected[503]`).
   * @default 0
   */
  maxRequestsPerSocket?: number
  /**
   * Node's `server.maxConnections`: most sockets open at once (TLS handshakes included). Further
   * connections are closed at once, before a byte is read, and counted in `stats().dropped`.
   * A camera holds one keep-alive socket; an NVR opens one per post. `Infinity` removes the cap.
   * @default 1024
   */
  maxConnections?: number
  /**
   * Require HTTP Basic authentication (`Authorization: Basic …`) on every request, `GET`
   * included. A request without the right credentials gets `401` with
   * `WWW-Authenticate: Basic realm="viewtron", charset="UTF-8"` before its body is read, and is
   * counted in `stats().rejected[401]`. Use it with `tls`: Basic credentials travel in clear text
   * over plain HTTP.
   * @default undefined (no authentication)
   */
  auth?: BasicAuthOptions
  /**
   * Client addresses allowed to connect: IPv4 or IPv6 addresses and CIDR blocks
   * (`'10.0.0.0/8'`, `'192.168.1.20'`, `'fd00::/8'`). An IPv4 peer on a dual-stack socket
   * (`::ffff:10.0.0.5`) matches IPv4 entries. Anyone else gets `403`, before authentication and
   * before any body byte is read, counted in `stats().rejected[403]`. An invalid entry throws here.
   * @default undefined (every address)
   */
  allow?: readonly string[]
  /**
   * Serve HTTPS instead of HTTP with these TLS settings (`{ key, cert }`, `{ pfx, passphrase }`,
   * or anything `https.createServer` accepts). Checked here: a key that does not fit its
   * certificate throws. Failed handshakes are counted in `stats().tlsErrors`; Node's
   * `handshakeTimeout` (120 s) applies and can be set here.
   * @default undefined (plain HTTP)
   */
  tls?: TlsServerOptions
}
