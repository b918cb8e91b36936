import type { IClientOptions } from 'mqtt'

/** TLS material for `mqtts://` brokers (PEM text or bytes). */
export interface MqttTlsOptions {
  /** CA certificate(s) to trust instead of the system's. */
  ca?: string | Buffer | string[] | Buffer[]
  /** Client certificate, for brokers that require one. */
  cert?: string | Buffer
  /** The client certificate's private key. */
  key?: string | Buffer
  /** Passphrase of `key`. */
  passphrase?: string
  /** Name to check the broker's certificate against (SNI); defaults to the URL's host. */
  servername?: string
  /**
   * Refuse a broker whose certificate does not verify.
   * @default true
   */
  rejectUnauthorized?: boolean
}

/** How to reach the broker; shared by the bridge and the consumer. */
export interface MqttConnectionOptions {
  /** Broker URL: `mqtt://host:1883`, `mqtts://host:8883`, `ws://…`, `wss://…`. */
  url: string
  /** Broker user name (also read from the URL's user part when unset). */
  username?: string
  /** Broker password; never printed, logged or put in an error. */
  password?: string
  /**
   * MQTT protocol: `5` (default) or `4` for MQTT 3.1.1 brokers (no user properties, no shared
   * subscriptions there).
   * @default 5
   */
  protocolVersion?: 4 | 5
  /** TLS settings for `mqtts://` and `wss://`. */
  tls?: MqttTlsOptions
  /**
   * Seconds between keep-alive pings.
   * @default 30
   */
  keepalive?: number
  /**
   * Milliseconds between reconnect attempts.
   * @default 1000
   */
  reconnectPeriod?: number
}

/** The URL without its user and password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return '(invalid URL)'
  }
}

/** Checks the connection settings; messages name the option and never carry the password. */
export function checkConnection(options: MqttConnectionOptions): void {
  if (typeof options.url !== 'string') throw new TypeError('url must be a string')
  let protocol: string
  try {
    protocol = new URL(options.url).protocol
  } catch {
    throw new TypeError(`url is not a valid URL: ${redactUrl(options.url)}`)
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:', 'tls:'].includes(protocol)) {
    throw new TypeError(`url must be mqtt://, mqtts://, ws:// or wss://, got ${protocol}`)
  }
  const version = options.protocolVersion
  if (version !== undefined && version !== 4 && version !== 5) {
    throw new RangeError(`protocolVersion must be 4 or 5, got ${String(version)}`)
  }
  for (const name of ['keepalive', 'reconnectPeriod'] as const) {
    const value = options[name]
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`)
    }
  }
}

/** mqtt.js options for these settings (without client id, session or will). */
export function clientOptions(options: MqttConnectionOptions): IClientOptions {
  const url = new URL(options.url)
  const username =
    options.username ?? (url.username === '' ? undefined : decodeURIComponent(url.username))
  const password =
    options.password ?? (url.password === '' ? undefined : decodeURIComponent(url.password))
  return {
    protocolVersion: options.protocolVersion ?? 5,
    keepalive: options.keepalive ?? 30,
    reconnectPeriod: options.reconnectPeriod ?? 1000,
    connectTimeout: 10_000,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(options.tls ?? {}),
  }
}

/** The URL mqtt.js connects to: without credentials, which go in the options instead. */
export function connectUrl(options: MqttConnectionOptions): string {
  const url = new URL(options.url)
  url.username = ''
  url.password = ''
  return url.toString()
}
