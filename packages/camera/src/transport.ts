import { Agent, type Dispatcher } from 'undici'
import {
  CameraAuthError,
  CameraConnectionError,
  type CameraError,
  CameraFailureError,
  CameraMalformedReplyError,
  CameraTimeoutError,
  CameraUnsupportedError,
  errorForCode,
} from './camera-error.js'
import { readXml, type XmlNode } from './xml-reader.js'

/** How a {@link Transport} reaches one camera. */
export interface TransportOptions {
  origin: string
  /** Path prefix the commands go under (`''` for the camera's root). */
  basePath: string
  authorization: string
  timeoutMs: number
  connections: number
}

/** One request to the camera. */
export interface CameraRequest {
  command: string
  /** `GET` for reads without a body, `POST` otherwise. */
  method: 'GET' | 'POST'
  body?: string
  /** Reads are retried once after a connection reset; writes never are. */
  read: boolean
  signal?: AbortSignal | undefined
}

/** A raw reply: status, content type and the whole body. */
export interface RawReply {
  status: number
  contentType: string
  bytes: Buffer
}

const MAX_REPLY_BYTES = 32 * 1024 * 1024
// What a dropped keep-alive socket looks like from undici: the camera closed it while idle.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

/**
 * The HTTP side of a camera: one keep-alive undici `Agent` with a small pool, Basic auth on every
 * request, a timeout that covers the whole exchange, and the camera's replies turned into a tree
 * or a typed {@link CameraError}.
 */
export class Transport {
  readonly #options: TransportOptions
  readonly #agent: Agent

  constructor(options: TransportOptions) {
    this.#options = options
    // Cameras drop idle sockets after a few seconds; closing ours first avoids most resets.
    this.#agent = new Agent({ connections: options.connections, keepAliveTimeout: 4_000 })
  }

  /** Sends a command and returns the reply's `<config>` element; a reported failure throws. */
  async xml(request: CameraRequest): Promise<XmlNode> {
    const reply = await this.raw(request)
    return this.config(request.command, reply)
  }

  /** Reads a reply as XML and checks `status`/`errorCode` on its root. */
  config(command: string, reply: RawReply): XmlNode {
    const text = reply.bytes.toString('utf8')
    if (text.trim() === '') {
      throw new CameraMalformedReplyError({
        command,
        httpStatus: reply.status,
        description: 'the camera sent an empty reply',
      })
    }
    let root: XmlNode
    try {
      root = readXml(text)
    } catch (error) {
      throw new CameraMalformedReplyError({
        command,
        httpStatus: reply.status,
        description: `the reply is not XML: ${(error as Error).message}`,
      })
    }
    if (root.name !== 'config') {
      throw new CameraMalformedReplyError({
        command,
        httpStatus: reply.status,
        description: `the reply's root is <${root.name}>, not <config>`,
      })
    }
    const code = Number(root.attrs.errorCode ?? '0')
    const known = Number.isInteger(code) && code !== 0
    if (known) throw errorForCode(command, code, root.attrs.errorDesc ?? null, reply.status)
    if (root.attrs.status === 'failed') {
      throw new CameraFailureError({
        command,
        httpStatus: reply.status,
        description: root.attrs.errorDesc || 'the camera reported a failure without a code',
      })
    }
    return root
  }

  /**
   * Sends a command and returns the reply as it came (status below 400). HTTP failures become
   * typed errors; a read is sent again once if the connection was reset.
   */
  async raw(request: CameraRequest): Promise<RawReply> {
    // timeoutMs bounds the whole call: a read sent again gets only what is left of it.
    const deadline = performance.now() + this.#options.timeoutMs
    try {
      return await this.#once(request, this.#options.timeoutMs)
    } catch (error) {
      if (!request.read || !isReset(error) || request.signal?.aborted === true) throw error
      const left = Math.floor(deadline - performance.now())
      if (left < 1) throw this.#timeoutError(request.command)
      return await this.#once(request, left)
    }
  }

  /** Closes the pooled connections. */
  async close(): Promise<void> {
    await this.#agent.close()
  }

  #timeoutError(command: string): CameraTimeoutError {
    return new CameraTimeoutError({
      command,
      description: `no complete reply within ${this.#options.timeoutMs} ms`,
    })
  }

  async #once(request: CameraRequest, timeoutMs: number): Promise<RawReply> {
    const { command } = request
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal =
      request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout])
    const headers: Record<string, string> = { authorization: this.#options.authorization }
    if (request.body !== undefined) headers['content-type'] = 'application/xml'
    let reply: RawReply
    try {
      const response = await this.#agent.request({
        origin: this.#options.origin,
        path: `${this.#options.basePath}/${command}`,
        method: request.method,
        headers,
        body: request.body,
        signal,
      })
      reply = {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        bytes: await readAll(command, response.body),
      }
    } catch (error) {
      if (request.signal?.aborted === true) throw request.signal.reason
      if (timeout.aborted) throw this.#timeoutError(command)
      if (error instanceof Error && error.name.startsWith('Camera')) throw error
      throw connectionError(command, error)
    }
    if (reply.status >= 400) throw httpError(this, command, reply)
    return reply
  }
}

async function readAll(command: string, body: Dispatcher.ResponseData['body']): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += (chunk as Buffer).length
    if (size > MAX_REPLY_BYTES) {
      body.destroy()
      throw new CameraMalformedReplyError({
        command,
        description: `the reply is larger than ${MAX_REPLY_BYTES} bytes`,
      })
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code
  if (typeof own === 'string') return own
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code
  return typeof cause === 'string' ? cause : undefined
}

function isReset(error: unknown): boolean {
  if (!(error instanceof CameraConnectionError)) return false
  return RESET_CODES.has(errorCode(error.cause) ?? '')
}

function connectionError(command: string, error: unknown): CameraConnectionError {
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  return new CameraConnectionError({
    command,
    description: `connection failed: ${code === undefined ? message : `${code} ${message}`}`,
    cause: error,
  })
}

/** A status of 400 or more: auth, unknown command, or the camera's own code when it sent one. */
function httpError(transport: Transport, command: string, reply: RawReply): CameraError {
  const { status } = reply
  if (status === 401) {
    return new CameraAuthError({
      command,
      httpStatus: status,
      description: 'the camera refused the user name or password (HTTP 401)',
    })
  }
  const empty = reply.bytes.toString('utf8').trim() === ''
  if (status === 400 && empty) {
    return new CameraUnsupportedError({
      command,
      httpStatus: status,
      code: 1,
      description: 'the firmware does not know this command (HTTP 400, empty body)',
    })
  }
  if (!empty) {
    try {
      transport.config(command, reply)
    } catch (error) {
      if (!(error instanceof CameraMalformedReplyError)) return error as CameraError
    }
  }
  return new CameraFailureError({ command, httpStatus: status, description: `HTTP ${status}` })
}
