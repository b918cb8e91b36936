import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyParser } from '../parser/body-parser.js'
import { BASIC_CHALLENGE } from './access-control.js'
import type { Admission } from './event-fanout.js'
import { dispatchPost, reportUnparsed } from './post-dispatcher.js'
import { readBody } from './read-body.js'
import { replyError, replyRefused, replyRunning, replySuccess } from './replies.js'
import { clientIpOf, declaredLength, pathnameOf } from './request-info.js'
import type { ServerContext } from './server-context.js'
import { messageOf, ViewtronServerError } from './server-error.js'
import type { RejectStatus } from './server-stats.js'

/**
 * Answers one request at a time, as the connection's ordering hands them over: access control,
 * method and path, admission (backpressure), then reading the body and dispatching its result.
 */
export class PostHandler {
  readonly #ctx: ServerContext
  /** Posts accepted for reading; shutdown lets each of them finish. */
  #inFlight = 0
  /** Shutdown waiting for the posts in flight to finish. */
  #whenIdle: (() => void)[] = []

  constructor(ctx: ServerContext) {
    this.#ctx = ctx
  }

  /** Posts whose bodies are being read or dispatched. */
  get inFlight(): number {
    return this.#inFlight
  }

  /**
   * Resolves once no post is in flight. Called once shutdown has begun, when no post can start
   * any more, so this is the same as waiting for each post in flight now.
   */
  settled(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.#whenIdle.push(resolve))
  }

  async handle(req: IncomingMessage, res: ServerResponse, expectContinue: boolean): Promise<void> {
    const ctx = this.#ctx
    const receivedAt = new Date()
    const clientIp = clientIpOf(req.socket)
    // Access control comes first: a refused client learns nothing and no body byte is read.
    const { allow, auth } = ctx.options
    if (allow !== null && !allow.allows(clientIp)) {
      return this.#reject(res, 403)
    }
    if (auth !== null && !auth.check(req.headers.authorization)) {
      return this.#reject(res, 401, { 'WWW-Authenticate': BASIC_CHALLENGE })
    }
    if (req.method === 'GET' || req.method === 'HEAD') return replyRunning(res, ctx.closing)
    if (req.method !== 'POST') return this.#reject(res, 405, { Allow: 'GET, HEAD, POST' })
    const { path, maxBodyBytes } = ctx.options
    if (path !== undefined && pathnameOf(req.url) !== path) return this.#reject(res, 404)
    if (ctx.closing) return this.#reject(res, 503)
    const declared = declaredLength(req)
    if (declared !== null && declared > maxBodyBytes) {
      const detail = `Content-Length ${declared} exceeds maxBodyBytes (${maxBodyBytes} bytes)`
      return this.#tooLarge(res, clientIp, detail)
    }
    // Backpressure: a body is read only while every blocking queue has room for its event beside
    // those queued and those being read, so unread sockets push back on the senders. An empty
    // heartbeat has nothing to read and passes.
    let admission: Admission | null = null
    if (declared !== 0) {
      const admitted = ctx.fanout.admit()
      admission = admitted instanceof Promise ? await admitted : admitted
    }
    if (ctx.closing) {
      admission?.release()
      return this.#reject(res, 503)
    }
    this.#inFlight++
    try {
      await this.#receive(req, res, expectContinue, clientIp, receivedAt, admission)
    } finally {
      admission?.release()
      if (--this.#inFlight === 0 && this.#whenIdle.length > 0) {
        for (const resolve of this.#whenIdle.splice(0)) resolve()
      }
    }
  }

  /** A request whose handling threw: reported, and answered `500` if no reply has started. */
  failed(error: unknown, req: IncomingMessage, res: ServerResponse): void {
    const message = `handling ${req.method ?? '?'} ${req.url ?? ''} failed: ${messageOf(error)}`
    this.#ctx.errors.report(
      new ViewtronServerError('VIEWTRON_REQUEST_FAILED', message, {
        cause: error,
        clientIp: clientIpOf(req.socket),
      }),
    )
    if (!res.headersSent) this.#reject(res, 500)
    else res.destroy()
  }

  async #receive(
    req: IncomingMessage,
    res: ServerResponse,
    expectContinue: boolean,
    clientIp: string,
    receivedAt: Date,
    admission: Admission | null,
  ): Promise<void> {
    const ctx = this.#ctx
    if (expectContinue) res.writeContinue()
    const { parseOptions, images, onRaw } = ctx.options
    // Checked once for the server; the constructor copies these two synchronously.
    parseOptions.clientIp = clientIp
    parseOptions.receivedAt = receivedAt
    const parser = new BodyParser(parseOptions)
    // Raw chunks cost memory (the whole body per post in flight), so they are kept only for onRaw.
    const raw: Buffer[] | null = onRaw === undefined ? null : []
    const outcome = await readBody(req, parser, raw)
    ctx.stats.bytes += parser.bytes
    if (outcome !== 'end') {
      // A body over maxBodyBytes has already failed as 'too-large', with its detail.
      parser.fail('parse-error', 'the body was not read to its end')
      // end() removes any image file written for the partial body.
      await parser.end()
      if (outcome === 'aborted') {
        ctx.stats.aborted++
        return
      }
      return this.#tooLarge(res, clientIp, parser.failure?.detail ?? '')
    }
    // Without image files nothing is pending: skip end()'s promise (this runs for every post).
    const result = typeof images === 'object' ? await parser.end() : parser.endSync()
    for (const error of parser.imageErrors) {
      const message = `an image from ${clientIp} could not be written: ${error.message}`
      ctx.errors.report(
        new ViewtronServerError('VIEWTRON_IMAGE_WRITE_FAILED', message, { cause: error, clientIp }),
      )
    }
    const refusal = await dispatchPost(
      ctx,
      result,
      raw,
      parser.bytes,
      clientIp,
      receivedAt,
      admission,
    )
    if (refusal !== null) {
      ctx.stats.refused++
      replyRefused(res, refusal.retryAfterSeconds, ctx.closing)
      return
    }
    if (replySuccess(res, ctx.closing)) ctx.stats.acknowledged++
  }

  /** `413` for a body over `maxBodyBytes` (declared or read), reported as `too-large`. */
  #tooLarge(res: ServerResponse, clientIp: string, detail: string): Promise<void> {
    this.#reject(res, 413)
    return reportUnparsed(this.#ctx, clientIp, 'too-large', detail)
  }

  #reject(res: ServerResponse, status: RejectStatus, headers?: Record<string, string>): void {
    this.#ctx.stats.rejected[status]++
    replyError(res, status, headers)
  }
}
