import { isIP } from 'node:net'
import type { BasicAuthOptions } from '@viewtron/core'
import type { MonitorStore } from './monitor-store.js'

/** Settings of {@link startMonitor}. Every field is optional. */
export interface MonitorOptions {
  /**
   * Port of the page's own HTTP server (never the cameras' port); `0` picks a free one.
   * @default 8080
   */
  port?: number
  /**
   * Address to bind. Anything but a loopback address needs `auth`: camera pictures are private.
   * @default '127.0.0.1'
   */
  host?: string
  /** HTTP Basic credentials asked of every request (compared in constant time). */
  auth?: BasicAuthOptions
  /**
   * Budget for recent images kept in memory for the page, in bytes. Older images are evicted
   * first; images written to files by the server cost only their path.
   * @default 67108864 (64 MiB)
   */
  cacheBytes?: number
  /**
   * Event frames kept so a page that reconnects gets what it missed (`Last-Event-ID`).
   * @default 2000
   */
  replay?: number
  /**
   * Recent events (tracking left out) a page gets when it opens.
   * @default 200
   */
  recent?: number
  /** An event store: enables search, and serves the pictures of its rows. */
  store?: MonitorStore
  /** The server's `offlineAfterMs`, shown on the page. */
  offlineAfterMs?: number
  /**
   * Folder holding the built page (`index.html` and `assets/`).
   * @default the page built into this package
   */
  webRoot?: string
}

/** {@link MonitorOptions} checked, with defaults filled in. */
export interface ResolvedMonitorOptions {
  port: number
  host: string
  auth: BasicAuthOptions | null
  cacheBytes: number
  replay: number
  recent: number
  store: MonitorStore | null
  offlineAfterMs: number | null
  webRoot: string
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare === '::1') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  return bare.startsWith('::ffff:127.')
}

function wholeNumber(name: string, value: unknown, min: number, max = 2 ** 40): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`)
  }
  return value
}

/**
 * Fills in defaults. Throws a `RangeError` naming the option, and refuses a non-loopback `host`
 * without `auth` (the page shows every camera's pictures to whoever can reach it).
 */
export function resolveMonitorOptions(
  options: MonitorOptions,
  defaultWebRoot: string,
): ResolvedMonitorOptions {
  const host = options.host ?? '127.0.0.1'
  if (typeof host !== 'string' || host === '') throw new RangeError('host must be an address')
  const auth = options.auth ?? null
  if (auth === null && !isLoopback(host)) {
    throw new RangeError(
      `host ${host} makes the monitor reachable from other machines: give auth credentials too ` +
        '(camera pictures are private)',
    )
  }
  return {
    port: wholeNumber('port', options.port ?? 8080, 0, 65535),
    host,
    auth,
    cacheBytes: wholeNumber('cacheBytes', options.cacheBytes ?? 64 * 2 ** 20, 0),
    replay: wholeNumber('replay', options.replay ?? 2000, 1, 1_000_000),
    recent: wholeNumber('recent', options.recent ?? 200, 1, 10_000),
    store: options.store ?? null,
    offlineAfterMs: options.offlineAfterMs ?? null,
    webRoot: options.webRoot ?? defaultWebRoot,
  }
}
