import { Client } from 'undici'
import { failedPost, judgeReply, type PostOutcome } from './post-outcome.js'

/** Cameras send the v1 layout as plain XML (protocol §1.2). */
const IPC_CONTENT_TYPE = 'application/xml; charset=utf-8'

/**
 * A camera's one persistent connection: every heartbeat, event and traject post of the camera
 * goes over it, one at a time, with origin-form request lines (`POST /API HTTP/1.1`). undici's
 * `Client` with `pipelining: 1` is exactly that; it reconnects by itself if the server closes it.
 */
export class IpcConnection {
  readonly #client: Client
  readonly #path: string
  #connects = 0

  constructor(target: URL, path: string, timeout: number) {
    this.#path = path
    this.#client = new Client(target.origin, {
      pipelining: 1,
      // Cameras sit idle between heartbeats for up to 120 s; keep the socket as they would.
      keepAliveTimeout: 130_000,
      keepAliveMaxTimeout: 130_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connectTimeout: timeout,
    })
    this.#client.on('connect', () => {
      this.#connects++
    })
  }

  /** TCP connections opened so far (1 unless the server closed one). */
  get connections(): number {
    return this.#connects
  }

  /** Sends one post and reads the reply; never rejects. */
  async post(body: Buffer): Promise<PostOutcome> {
    try {
      const reply = await this.#client.request({
        method: 'POST',
        path: this.#path,
        headers: { 'content-type': IPC_CONTENT_TYPE },
        body,
      })
      return judgeReply(reply.statusCode, await reply.body.text())
    } catch (error) {
      return failedPost(error)
    }
  }

  /** Closes the connection once the post in flight (if any) has its reply. */
  async close(): Promise<void> {
    await this.#client.close().catch(() => undefined)
  }

  /** Drops the connection at once (Ctrl-C). */
  async destroy(): Promise<void> {
    await this.#client.destroy().catch(() => undefined)
  }
}
