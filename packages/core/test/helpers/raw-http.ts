import { connect as netConnect, type Socket } from 'node:net'
import { track } from './start-test-server.js'

/** One response as read off the wire. */
export interface RawResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  body: Buffer
  text: string
}

const HEAD_END = Buffer.from('\r\n\r\n')

/**
 * A raw TCP connection for what HTTP clients will not send: NVR request lines, hand-split
 * chunked bodies, pipelining, HTTP/1.0, a body cut off half way. Tracked for teardown.
 */
export class RawConnection {
  readonly socket: Socket
  #buffer = Buffer.alloc(0)
  #closed = false
  #wake: (() => void) | null = null

  private constructor(socket: Socket) {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk])
      this.#wake?.()
    })
    socket.on('close', () => {
      this.#closed = true
      this.#wake?.()
    })
    socket.on('error', () => undefined)
  }

  /** Connects to `host` (loopback by default), from `localAddress` when given. */
  static async open(
    port: number,
    localAddress?: string,
    host = '127.0.0.1',
  ): Promise<RawConnection> {
    const socket = netConnect({ port, host, localAddress })
    track(socket, (s) => s.destroy())
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    return new RawConnection(socket)
  }

  /** True once the server closed the connection (or it was destroyed). */
  get closed(): boolean {
    return this.#closed
  }

  /** Bytes received and not yet consumed as a response. */
  get pending(): Buffer {
    return this.#buffer
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(data, (error) => (error ? reject(error) : resolve())),
    )
  }

  /**
   * Writes every chunk as fast as the socket drains (the sender side of a streamed upload), so
   * a body of any size costs the sender only the chunk in hand. Stops if the connection closes.
   */
  async writeStream(chunks: Iterable<string | Buffer>): Promise<void> {
    for (const chunk of chunks) {
      if (this.#closed || this.socket.destroyed) throw new Error('connection closed while writing')
      if (this.socket.write(chunk)) continue
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('drain', done)
          this.socket.off('close', done)
          resolve()
        }
        this.socket.on('drain', done)
        this.socket.on('close', done)
      })
    }
  }

  /** Writes each part separately, pausing between them so each arrives as its own segment. */
  async writeSlowly(parts: readonly (string | Buffer)[], pauseMs = 15): Promise<void> {
    for (const part of parts) {
      await this.write(part)
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
  }

  async #until(ready: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!ready()) {
      if (this.#closed) throw new Error(`connection closed before ${what}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${what}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#wake = () => {
          clearTimeout(timer)
          this.#wake = null
          resolve()
        }
      })
    }
  }

  /** Reads the next response (a `100 Continue` counts as one); bodies are framed by Content-Length. */
  async readResponse(timeoutMs = 5000): Promise<RawResponse> {
    await this.#until(() => this.#buffer.includes(HEAD_END), 'response headers', timeoutMs)
    const headEnd = this.#buffer.indexOf(HEAD_END)
    const head = this.#buffer.subarray(0, headEnd).toString('latin1').split('\r\n')
    const status = Number((head[0] ?? '').split(' ')[1])
    const headers: Record<string, string> = {}
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = status === 100 ? 0 : Number(headers['content-length'] ?? 0)
    const start = headEnd + HEAD_END.length
    await this.#until(() => this.#buffer.length >= start + length, 'response body', timeoutMs)
    const body = Buffer.from(this.#buffer.subarray(start, start + length))
    this.#buffer = this.#buffer.subarray(start + length)
    return { status, headers, body, text: body.toString('utf8') }
  }

  /** Resolves when the server has closed the connection. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    await this.#until(() => this.#closed, 'the connection to close', timeoutMs).catch((error) => {
      if (!this.#closed) throw error
    })
  }
}

/** Request bytes for a POST with a Content-Length body. */
export function postRequest(
  body: string | Buffer,
  options: { target?: string; headers?: Record<string, string>; version?: string } = {},
): Buffer {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const { target = '/API', version = '1.1' } = options
  const headers = {
    Host: '127.0.0.1',
    'Content-Type': 'application/xml; charset=utf-8',
    'Content-Length': String(data.length),
    ...options.headers,
  }
  const head = [
    `POST ${target} HTTP/${version}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), data])
}

/** Encodes parts as chunks of a chunked body (one chunk per part) plus the final empty chunk. */
export function chunked(parts: readonly Buffer[]): Buffer[] {
  return [
    ...parts.map((part) =>
      Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]),
    ),
    Buffer.from('0\r\n\r\n'),
  ]
}
