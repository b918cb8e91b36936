import { EVENT_CATEGORIES, type EventCategory, type UnparsedReason } from '../types.js'
import type { QueueStats } from './subscription.js'

/**
 * Status codes the server answers with instead of the success reply: `400` malformed HTTP (Node's
 * parser), `401` missing or wrong credentials, `403` address not allowed, `404` other path,
 * `405` other method, `408` header or request timeout, `413` body too large, `431` headers too
 * large, `500` unexpected failure, `503` shutting down or `maxRequestsPerSocket` reached.
 */
export type RejectStatus = 400 | 401 | 403 | 404 | 405 | 408 | 413 | 431 | 500 | 503

const STATUSES: readonly RejectStatus[] = [400, 401, 403, 404, 405, 408, 413, 431, 500, 503]

/** A snapshot of the server's counters since it was created. */
export interface ServerStats {
  /** POSTs received in full and parsed (whatever the result). */
  posts: number
  /** Success replies sent. Lags `posts` while replies are held for a full queue. */
  acknowledged: number
  /** Body bytes read, including bodies later rejected or cut off. */
  bytes: number
  /** Heartbeats (empty, `DeviceInfo` and `messageType` forms). */
  keepalives: number
  /** Alarm on/off posts accepted (refused ones are counted in `refused`). */
  alarmStatus: number
  /** Events accepted, by category (refused ones are counted in `refused`). */
  events: Record<EventCategory, number>
  /** Posts that became no event, by reason. */
  unparsed: Record<UnparsedReason, number>
  /** Events lost to `'drop-newest'` / `'drop-oldest'` queues, summed over subscribers. */
  drops: number
  /**
   * Requests refused, by status: answered with that status, or (`400`, `408`, `431`) closed by
   * the HTTP layer, which answers when the socket can still take it.
   */
  rejected: Record<RejectStatus, number>
  /** Connections closed on arrival because `maxConnections` sockets were open. */
  dropped: number
  /** TLS handshakes that failed (plain HTTP to the HTTPS port, bad client hello, timeout). */
  tlsErrors: number
  /**
   * Posts a handler refused with `RefusePost`: answered `503` with `Retry-After`, delivered to
   * no subscriber and not counted in `events` or `alarmStatus`.
   */
  refused: number
  /** Posts whose client disconnected before the body ended (nothing was dispatched). */
  aborted: number
  /** Callbacks that threw or rejected, and image files that could not be written. */
  errors: number
  /** One entry per live subscriber of `events()`, in subscription order. */
  queues: QueueStats[]
  /** Sockets open now (TLS ones still in their handshake included). */
  connections: number
  /** Sockets accepted since the server started. */
  connectionsTotal: number
  /** Posts whose body is being read or whose reply is being held right now. */
  inFlight: number
}

const REASONS: readonly UnparsedReason[] = [
  'not-xml',
  'parse-error',
  'unknown-smartType',
  'no-messageType',
  'too-large',
  'limit',
]

function zeros<K extends string | number>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}

/** The counters behind {@link ServerStats}; the live parts (queues, sockets) are added on read. */
export class StatsCounter {
  posts = 0
  acknowledged = 0
  bytes = 0
  keepalives = 0
  alarmStatus = 0
  drops = 0
  aborted = 0
  refused = 0
  dropped = 0
  tlsErrors = 0
  connectionsTotal = 0
  readonly events = zeros(EVENT_CATEGORIES)
  readonly unparsed = zeros(REASONS)
  readonly rejected = zeros<RejectStatus>(STATUSES)

  snapshot(live: Pick<ServerStats, 'errors' | 'queues' | 'connections' | 'inFlight'>): ServerStats {
    return {
      posts: this.posts,
      acknowledged: this.acknowledged,
      bytes: this.bytes,
      keepalives: this.keepalives,
      alarmStatus: this.alarmStatus,
      events: { ...this.events },
      unparsed: { ...this.unparsed },
      drops: this.drops,
      rejected: { ...this.rejected },
      refused: this.refused,
      aborted: this.aborted,
      dropped: this.dropped,
      tlsErrors: this.tlsErrors,
      connectionsTotal: this.connectionsTotal,
      ...live,
    }
  }
}
