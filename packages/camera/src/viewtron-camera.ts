import { inspect } from 'node:util'
import type { CallOptions, CameraContext } from './camera-context.js'
import { CameraMalformedReplyError, CameraUnsupportedError } from './camera-error.js'
import { type CameraTimeZone, cameraTimeZone } from './camera-time.js'
import { type CameraCapabilities, type DeviceInfo, readDeviceInfo } from './device-info.js'
import { CameraHttpPost } from './http-post.js'
import { type PlateGroup, readPlateGroups } from './plate-groups.js'
import { CameraPlates } from './plates.js'
import { Transport } from './transport.js'
import { at, childrenNamed, textAt } from './xml-reader.js'
import { envelope } from './xml-writer.js'

/** Options of {@link ViewtronCamera}. */
export interface ViewtronCameraOptions {
  /**
   * The camera's address, `http://192.168.1.108` or `http://host:port` (credentials in it are taken
   * and removed).
   */
  url: string | URL
  /** @default 'admin' */
  username?: string
  /**
   * The password of `username` (or the one in `url`). Kept only in the request header: never in
   * errors, `toJSON()` or `inspect`.
   */
  password?: string
  /**
   * Longest a whole request may take (connect, send, read), in milliseconds.
   * @default 10_000
   */
  timeoutMs?: number
  /**
   * The zone dates are written in: an IANA name or a POSIX rule (`CST-8`). By default the
   * camera's own zone, read once with `GetDateAndTime`.
   */
  timeZone?: string
  /**
   * Connections kept open to the camera (cameras serve few at a time).
   * @default 2
   */
  connections?: number
}

/** A JPEG (or whatever image the camera sent) from {@link ViewtronCamera.snapshot}. */
export interface Snapshot {
  /** The image as the camera sent it. */
  bytes: Uint8Array
  /** The reply's `Content-Type` (`image/jpeg` from current firmware). */
  contentType: string
}

/**
 * A client for one camera's HTTP API: device information, licence-plate lists, where it posts
 * events, snapshots. One keep-alive connection pool per instance; call {@link close} when done.
 *
 * @example
 * ```ts
 * const cam = new ViewtronCamera({ url: 'http://192.168.1.108', username: 'admin', password })
 * const added = await cam.plates.add([{ number: 'ABC123', group: 'allow', owner: 'Flat 4' }])
 * await cam.close()
 * ```
 */
export class ViewtronCamera {
  /** The camera's licence-plate database. */
  readonly plates: CameraPlates
  /** Where the camera posts its events. */
  readonly httpPost: CameraHttpPost
  /** The camera's address, without credentials. */
  readonly url: string
  readonly #transport: Transport
  readonly #timeZone: string | undefined
  #groups: Promise<readonly PlateGroup[]> | null = null
  #zone: Promise<CameraTimeZone> | null = null
  #capabilities: Promise<CameraCapabilities> | null = null

  constructor(options: ViewtronCameraOptions) {
    const parsed = new URL(options.url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new RangeError(`url must be http: or https:, got ${parsed.protocol}`)
    }
    const username = options.username ?? (decodeURIComponent(parsed.username) || 'admin')
    const password = options.password ?? decodeURIComponent(parsed.password)
    if (username.includes(':')) throw new RangeError('username cannot contain ":" (Basic auth)')
    parsed.username = ''
    parsed.password = ''
    const timeoutMs = options.timeoutMs ?? 10_000
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be above 0, got ${timeoutMs}`)
    if (options.timeZone !== undefined) cameraTimeZone(options.timeZone)
    this.#timeZone = options.timeZone
    this.url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`
    this.#transport = new Transport({
      origin: parsed.origin,
      basePath: parsed.pathname.replace(/\/+$/, ''),
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      timeoutMs,
      connections: options.connections ?? 2,
    })
    const ctx: CameraContext = {
      transport: this.#transport,
      groups: (signal) => this.#cachedGroups(signal),
      zone: (signal) => this.#cachedZone(signal),
      capabilities: (signal) => this.capabilities({ signal }),
    }
    this.plates = new CameraPlates(ctx)
    this.httpPost = new CameraHttpPost(ctx)
  }

  /** `GetDeviceInfo`: name, model, MAC, serial, versions, and `raw` with every field sent. */
  async deviceInfo(options: CallOptions = {}): Promise<DeviceInfo> {
    const config = await this.#transport.xml({
      command: 'GetDeviceInfo',
      method: 'GET',
      read: true,
      signal: options.signal,
    })
    return readDeviceInfo(config)
  }

  /**
   * API and HTTP-post versions (from `GetDeviceInfo`, else `GetDeviceDetail` on 1.x firmware) and
   * the commands the firmware lists (`null` when it has no `GetSupportedAPIs`). Read once.
   */
  capabilities(options: CallOptions = {}): Promise<CameraCapabilities> {
    this.#capabilities ??= this.#readCapabilities(options.signal)
    this.#capabilities.catch(() => {
      this.#capabilities = null
    })
    return this.#capabilities
  }

  async #readCapabilities(signal?: AbortSignal): Promise<CameraCapabilities> {
    const info = await this.deviceInfo({ signal })
    let { apiVersion, httpPostVersion } = info
    if (apiVersion === null || httpPostVersion === null) {
      try {
        const detail = await this.#transport.xml({
          command: 'GetDeviceDetail',
          method: 'GET',
          read: true,
          signal,
        })
        apiVersion ??= textAt(detail, 'detail', 'property', 'apiVersion') || null
        httpPostVersion ??= textAt(detail, 'detail', 'property', 'httpPostVersion') || null
      } catch (error) {
        if (!(error instanceof CameraUnsupportedError)) throw error
      }
    }
    let supportedApis: ReadonlySet<string> | null = null
    try {
      const list = await this.#transport.xml({
        command: 'GetSupportedAPIs',
        method: 'POST',
        body: envelope(),
        read: true,
        signal,
      })
      // Firmware repeats names and miscounts them: the items are the list.
      supportedApis = new Set(
        childrenNamed(at(list, 'applicationInterfaces'), 'item')
          .map((item) => item.text.trim())
          .filter((name) => name !== ''),
      )
    } catch (error) {
      if (!(error instanceof CameraUnsupportedError)) throw error
    }
    return { apiVersion, httpPostVersion, supportedApis }
  }

  /** The camera's plate groups (`GetLicensePlateGroups`), read afresh, with their kind. */
  async plateGroups(options: CallOptions = {}): Promise<PlateGroup[]> {
    const config = await this.#transport.xml({
      command: 'GetLicensePlateGroups',
      method: 'POST',
      body: envelope(),
      read: true,
      signal: options.signal,
    })
    const groups = readPlateGroups(config)
    this.#groups = Promise.resolve(groups)
    return groups.map((g) => ({ ...g }))
  }

  #cachedGroups(signal?: AbortSignal): Promise<readonly PlateGroup[]> {
    this.#groups ??= this.plateGroups({ signal })
    this.#groups.catch(() => {
      this.#groups = null
    })
    return this.#groups
  }

  /**
   * The zone the camera's dates are in: the `timeZone` option, else the camera's POSIX zone from
   * `GetDateAndTime` (read once).
   */
  timeZone(options: CallOptions = {}): Promise<CameraTimeZone> {
    return this.#cachedZone(options.signal)
  }

  #cachedZone(signal?: AbortSignal): Promise<CameraTimeZone> {
    this.#zone ??= this.#readZone(signal)
    this.#zone.catch(() => {
      this.#zone = null
    })
    return this.#zone
  }

  async #readZone(signal?: AbortSignal): Promise<CameraTimeZone> {
    if (this.#timeZone !== undefined) return cameraTimeZone(this.#timeZone)
    const config = await this.#transport.xml({
      command: 'GetDateAndTime',
      method: 'POST',
      body: envelope(),
      read: true,
      signal,
    })
    const spec = textAt(config, 'time', 'timezoneInfo', 'timeZone')
    try {
      return cameraTimeZone(spec ?? '')
    } catch {
      throw new CameraMalformedReplyError({
        command: 'GetDateAndTime',
        description: `unknown time zone ${JSON.stringify(spec)}: pass the timeZone option`,
      })
    }
  }

  /** A still image from the camera (`GetSnapshot`, or `GetSnapshot/<channel>`). */
  async snapshot(options: CallOptions & { channel?: number } = {}): Promise<Snapshot> {
    const { channel } = options
    if (channel !== undefined && !(Number.isInteger(channel) && channel >= 1)) {
      throw new RangeError(`channel must be an integer from 1, got ${channel}`)
    }
    const command = channel === undefined ? 'GetSnapshot' : `GetSnapshot/${channel}`
    const reply = await this.#transport.raw({
      command,
      method: 'GET',
      read: true,
      signal: options.signal,
    })
    const jpeg = reply.bytes[0] === 0xff && reply.bytes[1] === 0xd8
    if (!reply.contentType.startsWith('image/') && !jpeg) {
      // An XML reply here is a refusal; anything else is not an image.
      this.#transport.config(command, reply)
      throw new CameraMalformedReplyError({
        command,
        httpStatus: reply.status,
        description: `the reply is not an image (${reply.contentType || 'no content type'})`,
      })
    }
    return {
      bytes: new Uint8Array(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.length),
      contentType: reply.contentType || 'image/jpeg',
    }
  }

  /** Closes the connections to the camera. */
  async close(): Promise<void> {
    await this.#transport.close()
  }

  /** The camera's URL only: never the credentials. */
  toJSON(): {
    /** The camera's address without credentials. */
    url: string
  } {
    return { url: this.url }
  }

  /** How `console.log` and `util.inspect` show the client: its URL only, never the credentials. */
  [inspect.custom](): string {
    return `ViewtronCamera { url: '${this.url}' }`
  }
}
