import { CheckedParseOptions } from '../parser/checked-parse-options.js'
import type { ImageMode, ParseLimits } from '../types.js'
import { AllowList, BasicAuth } from './access-control.js'
import { integer, optionalInteger } from './option-checks.js'
import { resolveQueue } from './resolve-queue.js'
import { resolveTls } from './resolve-tls.js'
import type { ViewtronServerError } from './server-error.js'
import type {
  OverflowPolicy,
  QueueOptions,
  TlsServerOptions,
  ViewtronServerOptions,
} from './server-options.js'

/** Defaults of the server-only options (the parser's limits keep their own defaults). */
export const SERVER_DEFAULTS = Object.freeze({
  port: 5050,
  maxBodyBytes: 64 * 1024 * 1024,
  highWaterMark: 256,
  overflow: 'block' as OverflowPolicy,
  keepAliveTimeout: 130_000,
  headersTimeout: 60_000,
  requestTimeout: 300_000,
  connectionsCheckingInterval: 10_000,
  maxHeadersCount: 2000,
  maxRequestsPerSocket: 0,
  maxConnections: 1024,
  offlineAfterMs: 90_000,
})

/** Options with defaults filled in and every value checked. */
export interface ResolvedServerOptions {
  port: number
  host: string | undefined
  path: string | undefined
  onEvent: ViewtronServerOptions['onEvent']
  onConnect: ViewtronServerOptions['onConnect']
  onRaw: ViewtronServerOptions['onRaw']
  onUnparsed: ViewtronServerOptions['onUnparsed']
  onAlarmStatus: ViewtronServerOptions['onAlarmStatus']
  onKeepalive: ViewtronServerOptions['onKeepalive']
  onPresence: ViewtronServerOptions['onPresence']
  offlineAfterMs: number
  onError: ((error: ViewtronServerError) => void) | undefined
  images: ImageMode
  /** What every post's parser gets (limits, image mode, maxBodyBytes), checked once. */
  parseOptions: CheckedParseOptions
  maxBodyBytes: number
  queue: Required<QueueOptions>
  keepAliveTimeout: number
  headersTimeout: number
  requestTimeout: number
  connectionsCheckingInterval: number
  maxHeaderSize: number | undefined
  maxHeadersCount: number
  maxRequestsPerSocket: number
  maxConnections: number
  auth: BasicAuth | null
  allow: AllowList | null
  tls: TlsServerOptions | null
}

const CALLBACKS = [
  'onEvent',
  'onConnect',
  'onRaw',
  'onUnparsed',
  'onAlarmStatus',
  'onKeepalive',
  'onPresence',
  'onError',
]

/**
 * Fills in defaults and rejects a bad option at construction time with a `TypeError` (wrong
 * type) or `RangeError` (out of range) whose message starts with the option's name.
 */
export function resolveServerOptions(options: ViewtronServerOptions): ResolvedServerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object')
  }
  for (const name of CALLBACKS) {
    const value = (options as Record<string, unknown>)[name]
    if (value !== undefined && typeof value !== 'function') {
      throw new TypeError(`${name} must be a function, got ${typeof value}`)
    }
  }
  if (options.host !== undefined && (typeof options.host !== 'string' || options.host === '')) {
    throw new TypeError('host must be a non-empty string')
  }
  if (
    options.path !== undefined &&
    (typeof options.path !== 'string' || !options.path.startsWith('/'))
  ) {
    throw new TypeError(`path must be a string starting with '/', got ${String(options.path)}`)
  }
  const limits: ParseLimits = {
    maxTextBytes: options.maxTextBytes,
    maxListItems: options.maxListItems,
    maxDepth: options.maxDepth,
    maxElements: options.maxElements,
    maxImageBytes: options.maxImageBytes,
  }
  const maxBodyBytes = options.maxBodyBytes ?? SERVER_DEFAULTS.maxBodyBytes
  const images = options.images ?? 'memory'
  // The parser's own checks (naming the option) run here once, not for every post.
  const parseOptions = new CheckedParseOptions({ ...limits, images, maxBodyBytes })
  const headersTimeout = optionalInteger(
    'headersTimeout',
    options.headersTimeout,
    SERVER_DEFAULTS.headersTimeout,
    0,
  )
  const requestTimeout = optionalInteger(
    'requestTimeout',
    options.requestTimeout,
    SERVER_DEFAULTS.requestTimeout,
    0,
  )
  // Node refuses this combination; say so in our words, naming both options.
  if (requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw new RangeError(
      `headersTimeout (${headersTimeout}) must not exceed requestTimeout (${requestTimeout})`,
    )
  }
  return {
    port: optionalInteger('port', options.port, SERVER_DEFAULTS.port, 0, 65535),
    host: options.host,
    path: options.path,
    onEvent: options.onEvent,
    onConnect: options.onConnect,
    onRaw: options.onRaw,
    onUnparsed: options.onUnparsed,
    onAlarmStatus: options.onAlarmStatus,
    onKeepalive: options.onKeepalive,
    onPresence: options.onPresence,
    offlineAfterMs: optionalInteger(
      'offlineAfterMs',
      options.offlineAfterMs,
      SERVER_DEFAULTS.offlineAfterMs,
      1,
      2 ** 31 - 1,
    ),
    onError: options.onError,
    images,
    parseOptions,
    maxBodyBytes,
    queue: resolveQueue(
      options.queue,
      { highWaterMark: SERVER_DEFAULTS.highWaterMark, overflow: SERVER_DEFAULTS.overflow },
      'queue.',
    ),
    keepAliveTimeout: optionalInteger(
      'keepAliveTimeout',
      options.keepAliveTimeout,
      SERVER_DEFAULTS.keepAliveTimeout,
      0,
    ),
    headersTimeout,
    requestTimeout,
    connectionsCheckingInterval: optionalInteger(
      'connectionsCheckingInterval',
      options.connectionsCheckingInterval,
      SERVER_DEFAULTS.connectionsCheckingInterval,
      1,
      2 ** 31 - 1,
    ),
    maxHeaderSize:
      options.maxHeaderSize === undefined
        ? undefined
        : integer('maxHeaderSize', options.maxHeaderSize, 1),
    maxHeadersCount: optionalInteger(
      'maxHeadersCount',
      options.maxHeadersCount,
      SERVER_DEFAULTS.maxHeadersCount,
      0,
    ),
    maxRequestsPerSocket: optionalInteger(
      'maxRequestsPerSocket',
      options.maxRequestsPerSocket,
      SERVER_DEFAULTS.maxRequestsPerSocket,
      0,
    ),
    maxConnections:
      options.maxConnections === Number.POSITIVE_INFINITY
        ? Number.POSITIVE_INFINITY
        : optionalInteger(
            'maxConnections',
            options.maxConnections,
            SERVER_DEFAULTS.maxConnections,
            1,
          ),
    auth: options.auth === undefined ? null : new BasicAuth(options.auth),
    allow: options.allow === undefined ? null : new AllowList(options.allow),
    tls: resolveTls(options.tls),
  }
}
