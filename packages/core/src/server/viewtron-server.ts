import {
  createServer,
  maxHeaderSize as defaultMaxHeaderSize,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { ViewtronEvent } from '../event.js'
import { BodyParser } from '../parser/body-parser.js'
import type { ParseResult, UnparsedReason } from '../types.js'
import { BASIC_CHALLENGE } from './access-control.js'
import { type CameraInfo, CameraRegistry } from './camera-registry.js'
import {
  adoptRequest,
  headStart,
  isConflictingFraming,
  type ParserError,
} from './conflicting-framing.js'
import { ErrorReporter } from './error-reporter.js'
import { type Admission, EventFanout } from './event-fanout.js'
import { lanAddress, listenUrls } from './lan-address.js'
import { PresenceTracker } from './presence-tracker.js'
import { readBody } from './read-body.js'
import type { RefusePost } from './refuse-post.js'
import { removeImageFiles } from './remove-image-files.js'
import { replyError, replyRefused, replyRunning, replySuccess, writeRawRefusal } from './replies.js'
import { clientIpOf, declaredLength, pathnameOf } from './request-info.js'
import { resolveQueue } from './resolve-queue.js'
import { type ResolvedServerOptions, resolveServerOptions } from './resolve-server-options.js'
import { messageOf, ViewtronServerError } from './server-error.js'
import type { EventsOptions, ViewtronServerOptions } from './server-options.js'
import { type RejectStatus, type ServerStats, StatsCounter } from './server-stats.js'
import { HandlerSet, type ViewtronHandlers } from './viewtron-handlers.js'

/** Where {@link ViewtronServer.listen} ended up. */
export interface ListenInfo {
  /** The bound port (the real one when `port: 0` was asked for). */
  port: number
  /** The bound address (`'::'` or `'0.0.0.0'` for all interfaces). */
  host: string
  /** URLs devices can post to (`https://` with `tls`): one per IPv4 address when bound to all. */
  urls: string[]
}

/** Per socket: responses not yet finished (oldest first), and the chain that orders requests. */
interface SocketState {
  responses: ServerResponse[]
  chain: Promise<void>
  /** Requests seen on the socket (for `maxRequestsPerSocket`). */
  requests: number
  /** Close the socket once its last response is out (Node refused a request on it). */
  closeWhenIdle: boolean
  /** A refusal to send (then close) once the complete requests before it are answered. */
  refusal: RejectStatus | null
  /** Node's parser gave up on the socket and the server reads its last request itself. */
  adopted: boolean
}

const newState = (): SocketState => ({
  responses: [],
  chain: Promise.resolve(),
  requests: 0,
  closeWhenIdle: false,
  refusal: null,
  adopted: false,
})

/** Errors a client causes by leaving: nothing to answer and nothing refused. */
const GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

/** The status Node's parser errors stand for, as Node's own default `clientError` answers them. */
function clientErrorStatus(code: string | undefined): RejectStatus {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408
    default:
      return 400
  }
}

/** Resolves once a response has closed (at once if it has). */
function closed(res: ServerResponse): Promise<void> {
  if (res.closed) return Promise.resolve()
  return new Promise((resolve) => res.once('close', () => resolve()))
}

/** A live TCP connection's identity, shared by the raw socket and the TLS socket over it. */
function peerKey(socket: Socket): string | null {
  const { remoteAddress, remotePort } = socket
  return remoteAddress === undefined ? null : `${remoteAddress}|${remotePort}`
}

/**
 * Receives the HTTP posts of Viewtron IP cameras and NVRs and turns each into a typed event,
 * delivered to seed-style callbacks and to any number of `for await` subscribers with
 * backpressure. It speaks the devices' HTTP dialect: long-lived keep-alive sockets (idle up to
 * 120 s between heartbeats), NVR absolute-form request lines with `Connection: close`, the exact
 * success reply, and acknowledgement only once an event is safely queued.
 *
 * The data flow is bytes → {@link BodyParser} → typed result → callbacks → one queue per
 * subscriber → `for await`; a full queue holds the reply and stops body reads, so the pressure
 * reaches the devices' sockets.
 *
 * @example
 * ```ts
 * const server = new ViewtronServer({ port: 5050 })
 * await server.listen()
 * for await (const event of server.events()) {
 *   if (event.category === 'lpr') console.log(event.plateNumber, event.clientIp)
 * }
 * ```
 */
export class ViewtronServer {
  readonly #options: ResolvedServerOptions
  readonly #http: Server
  readonly #stats = new StatsCounter()
  readonly #registry = new CameraRegistry()
  readonly #fanout = new EventFanout()
  readonly #errors: ErrorReporter
  /** The options' own callbacks, then those attached with use(). */
  readonly #handlers: HandlerSet
  readonly #presence: PresenceTracker
  /** HTTP-level sockets (TLS sockets once their handshake is done). */
  readonly #sockets = new Map<Socket, SocketState>()
  /** With `tls`: raw sockets whose handshake has not finished, by {@link peerKey}. */
  readonly #handshaking = new Map<string, Socket>()
  /** Posts accepted for reading; shutdown lets each of them finish. */
  readonly #inFlight = new Set<Promise<void>>()
  #listening: Promise<ListenInfo> | null = null
  #closing = false
  #shutdown: Promise<void> | null = null
  readonly #stopped: Promise<void>
  #markStopped: () => void = () => undefined

  /** @throws TypeError or RangeError naming the bad option. */
  constructor(options: ViewtronServerOptions = {}) {
    this.#options = resolveServerOptions(options)
    this.#errors = new ErrorReporter(this.#options.onError)
    const { onEvent, onAlarmStatus, onKeepalive, onPresence } = this.#options
    this.#handlers = new HandlerSet(
      { onEvent, onAlarmStatus, onKeepalive, onPresence },
      this.#errors,
    )
    this.#presence = new PresenceTracker(
      this.#registry,
      this.#options.offlineAfterMs,
      (camera, online) =>
        this.#handlers.run('onPresence', camera.clientIp, false, (h) =>
          h.onPresence?.(camera, online),
        ),
    )
    this.#stopped = new Promise((resolve) => {
      this.#markStopped = resolve
    })
    const { maxHeaderSize, tls, connectionsCheckingInterval } = this.#options
    const serverOptions = {
      // Embedded HTTP clients may omit Host; nothing here routes by host.
      requireHostHeader: false,
      connectionsCheckingInterval,
      ...(maxHeaderSize === undefined ? {} : { maxHeaderSize }),
    }
    const http: Server =
      tls === null ? createServer(serverOptions) : createHttpsServer({ ...tls, ...serverOptions })
    http.keepAliveTimeout = this.#options.keepAliveTimeout
    http.headersTimeout = this.#options.headersTimeout
    http.requestTimeout = this.#options.requestTimeout
    http.maxRequestsPerSocket = this.#options.maxRequestsPerSocket
    http.maxHeadersCount = this.#options.maxHeadersCount
    http.maxConnections = this.#options.maxConnections
    // A client that half-closes after a complete request (ends its write side, as some embedded
    // stacks do with `Connection: close`) still gets its reply; Node's default aborts it.
    ;(http as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
    http.on('connection', (socket: Socket) => this.#accept(socket))
    if (tls !== null) {
      // With TLS the HTTP layer runs on the TLS socket, which exists once the handshake is done.
      http.on('secureConnection', (socket: Socket) => this.#secured(socket))
      http.on('tlsClientError', () => {
        this.#stats.tlsErrors++
      })
    }
    // maxConnections reached: Node closed the new socket at once.
    http.on('drop', () => {
      this.#stats.dropped++
    })
    // maxRequestsPerSocket exceeded: Node answers 503 itself, but (Node 20) leaves the socket
    // open afterwards; close it once the replies before it and the 503 are out.
    http.on('dropRequest', (_req: IncomingMessage, socket: Socket) => {
      this.#stats.rejected[503]++
      const state = this.#sockets.get(socket)
      if (state === undefined) return
      state.closeWhenIdle = true
      this.#closeIfIdle(socket, state)
    })
    http.on('clientError', (error: Error, socket: Duplex) => this.#clientError(error, socket))
    http.on('request', (req, res) => this.#enqueue(req, res, false))
    // With a listener here Node leaves `100 Continue` to us, so an oversized body is refused first.
    http.on('checkContinue', (req, res) => this.#enqueue(req, res, true))
    http.on('error', (error) => {
      // Errors while starting reject listen(); a later one (rare) must not crash the process.
      if (http.listening) {
        this.#errors.report(
          new ViewtronServerError('VIEWTRON_REQUEST_FAILED', messageOf(error), { cause: error }),
        )
      }
    })
    this.#http = http
  }

  /**
   * Devices seen so far, by client IP: first/last seen, post and heartbeat counts, identity and
   * whether they are online.
   */
  get cameras(): ReadonlyMap<string, CameraInfo> {
    return this.#registry.cameras
  }

  /**
   * Starts listening. Resolves with the bound port, address and URLs; calling it again returns
   * the same result. Rejects if the port is taken (a later call may retry) or after shutdown.
   */
  listen(): Promise<ListenInfo> {
    if (this.#shutdown !== null) {
      return Promise.reject(new Error('listen() was called after shutdown()'))
    }
    this.#listening ??= new Promise<ListenInfo>((resolve, reject) => {
      const onError = (error: Error): void => {
        this.#listening = null
        reject(error)
      }
      this.#http.once('error', onError)
      this.#http.listen({ port: this.#options.port, host: this.#options.host }, () => {
        this.#http.off('error', onError)
        const address = this.#http.address() as AddressInfo
        resolve({
          port: address.port,
          host: address.address,
          urls: listenUrls(address.address, address.port, this.#scheme),
        })
      })
    })
    return this.#listening
  }

  /**
   * Listens, prints the seed's banner, and runs until {@link shutdown} is called or the process
   * gets SIGINT/SIGTERM; then prints `Server stopped.` and resolves. The signal handlers are
   * removed afterwards.
   */
  async serveForever(): Promise<void> {
    const { port } = await this.listen()
    console.log('')
    console.log('Viewtron Event Server')
    console.log(`Listening on ${this.#scheme}://${lanAddress(this.#options.host)}:${port}`)
    console.log('Ready for camera events...')
    console.log('')
    const onSignal = (): void => {
      void this.shutdown()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      await this.#stopped
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
    console.log('')
    console.log('Server stopped.')
  }

  /**
   * A new subscription that receives every event from now on, in arrival order per connection.
   * It starts queueing at this call, before the first `next()`. Leaving the loop unsubscribes.
   * With the default `'block'` policy a subscriber that stops reading holds the devices' replies
   * (see the README's concurrency model), so always consume or `break`.
   *
   * @throws TypeError or RangeError for a bad option.
   */
  events(options: EventsOptions = {}): AsyncIterableIterator<ViewtronEvent> {
    const queue = resolveQueue(options, this.#options.queue, 'events() option ')
    const { signal } = options
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError('events() option signal must be an AbortSignal')
    }
    return this.#fanout.subscribe({ ...queue, signal })
  }

  /**
   * Attaches a sink's handlers (an event store, an MQTT bridge) to this server, for every post
   * from now on; returns a function that detaches them (idempotent).
   *
   * For each post the options' own callback runs first, as always; then every attached handler
   * of that kind runs, concurrently, and the post's reply waits for all of them. If the server's
   * `onEvent`/`onAlarmStatus` refuses the post, no attached handler sees it. If any attached
   * `onEvent`/`onAlarmStatus` throws a {@link RefusePost}, the post is refused (`503`, with the
   * largest `retryAfterSeconds` asked for), even though other handlers may have taken it: the
   * device sends it again, so a sink must tolerate seeing an event twice. Other errors, and any
   * error from `onKeepalive`/`onPresence`, go to `onError`.
   *
   * @example
   * ```ts
   * const detach = server.use({
   *   onEvent: async (event) => {
   *     if (!db.writable) throw new RefusePost('database unavailable')
   *     await db.insert(event)
   *   },
   *   onPresence: (camera, online) => console.log(camera.clientIp, online ? 'online' : 'offline'),
   * })
   * // later: detach()
   * ```
   * @throws TypeError when `handlers` has none of the four callbacks or one is not a function.
   */
  use(handlers: ViewtronHandlers): () => void {
    return this.#handlers.add(handlers)
  }

  /** Counters since the server was created, plus live queue depths and connections. */
  stats(): ServerStats {
    return this.#stats.snapshot({
      errors: this.#errors.count,
      queues: this.#fanout.stats(),
      connections: this.#sockets.size + this.#handshaking.size,
      inFlight: this.#inFlight.size,
    })
  }

  /**
   * Graceful stop; idempotent and callable from anywhere (do not `await` it inside a callback:
   * it waits for the post that called it). Stops accepting connections and closes idle ones;
   * posts whose bodies are already being read finish and are acknowledged, later ones get `503`;
   * then every subscription ends once its subscriber has read what was acknowledged. Resolves
   * when no socket is left.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#close()
    return this.#shutdown
  }

  get #scheme(): string {
    return this.#options.tls === null ? 'http' : 'https'
  }

  async #close(): Promise<void> {
    this.#closing = true
    this.#presence.stop()
    // Handshakes in progress carry no request yet: they are as idle as a keep-alive socket.
    for (const socket of this.#handshaking.values()) socket.destroy()
    this.#handshaking.clear()
    // Held posts are released: their events are queued already, so subscribers still get them.
    this.#fanout.unblock()
    // A listen() in progress must finish before the listener can be closed.
    const listening = await this.#listening?.catch(() => null)
    const closed =
      listening == null
        ? Promise.resolve()
        : new Promise<void>((resolve) => this.#http.close(() => resolve()))
    // close() stops accepting and closes keep-alive sockets that sit between requests.
    this.#http.closeIdleConnections()
    await Promise.allSettled([...this.#inFlight])
    // What is left: sockets still answering (they close after the reply) and sockets with no
    // request in progress, such as a header that never completed.
    for (const [socket, state] of this.#sockets) {
      if (state.responses.length === 0) socket.destroy()
    }
    this.#fanout.end()
    await this.#presence.settled()
    await closed
    this.#markStopped()
  }

  #accept(socket: Socket): void {
    this.#stats.connectionsTotal++
    if (this.#options.tls === null) {
      this.#track(socket)
      return
    }
    const key = peerKey(socket)
    if (key === null) return // already gone
    this.#handshaking.set(key, socket)
    socket.once('close', () => {
      if (this.#handshaking.get(key) === socket) this.#handshaking.delete(key)
    })
  }

  #secured(socket: Socket): void {
    const key = peerKey(socket)
    if (key !== null) this.#handshaking.delete(key)
    this.#track(socket)
  }

  #track(socket: Socket): void {
    this.#sockets.set(socket, newState())
    socket.once('close', () => this.#sockets.delete(socket))
  }

  /** Ends a socket with no response left to send (Node queues its own 503 first; let it out). */
  #closeIfIdle(socket: Socket, state: SocketState): void {
    if (state.responses.length > 0) return
    setImmediate(() => {
      if (state.responses.length === 0 && !socket.destroyed) socket.end(() => socket.destroy())
    })
  }

  /**
   * Node's parser refused what the client sent, or a header/request timeout fired: count it, and
   * answer as Node's default would (unless a reply is already under way), then close.
   */
  #clientError(error: ParserError, socket: Duplex): void {
    const state = this.#sockets.get(socket as Socket)
    if (state?.refusal != null) return // already refused, waiting for earlier replies
    // Node's parser keeps failing on the bytes the server now reads itself: nothing to answer.
    if (state?.adopted === true) return
    if (
      state !== undefined &&
      isConflictingFraming(error) &&
      this.#adopt(socket as Socket, state, error)
    ) {
      return
    }
    if (GONE.has(error.code ?? '')) {
      socket.destroy()
      return
    }
    // The client ended its side in the middle of a request: it left, it was not refused (a post
    // whose body had begun counts as aborted). A half-closed client can still read the 400.
    if (error.code === 'HPE_INVALID_EOF_STATE') {
      this.#refuse(socket, 400)
      return
    }
    this.#refuseAfterPending(socket, state, clientErrorStatus(error.code))
  }

  /**
   * Counts a refusal and sends it: after the complete requests before it are answered, or at
   * once (a timeout, or nothing complete ahead); then the socket closes.
   */
  #refuseAfterPending(socket: Duplex, state: SocketState | undefined, status: RejectStatus): void {
    this.#stats.rejected[status]++
    const pending = state?.responses ?? []
    // Complete requests pipelined before the bad one are answered first (their events are being
    // dispatched), then the refusal goes out and the socket closes; nothing more is read. A
    // timeout refuses at once: it is the request in progress that ran out of time.
    if (status !== 408 && pending.some((res) => res.req.complete)) {
      ;(state as SocketState).refusal = status
      socket.pause()
      return
    }
    const current = pending[0]
    if (current?.headersSent) socket.destroy()
    else this.#refuse(socket, status)
  }

  /** Writes a bodyless refusal straight to the socket (if it can still take it) and closes. */
  #refuse(socket: Duplex, status: RejectStatus): void {
    if (socket.writable) writeRawRefusal(socket, status)
    socket.destroy()
  }

  /**
   * Node emits pipelined requests as soon as their headers are parsed; chaining them per socket
   * keeps their events in order and never reads a request's body before the previous reply.
   */
  #enqueue(
    req: IncomingMessage,
    res: ServerResponse,
    expectContinue: boolean,
    earlier: readonly ServerResponse[] | null = null,
  ): void {
    const state = this.#sockets.get(req.socket) ?? newState()
    state.responses.push(res)
    // Node announces `Connection: close` on the last allowed reply but (Node 20) keeps the
    // socket open; close it once that reply is out.
    const { maxRequestsPerSocket } = this.#options
    if (maxRequestsPerSocket > 0 && ++state.requests >= maxRequestsPerSocket) {
      state.closeWhenIdle = true
    }
    res.once('close', () => {
      const index = state.responses.indexOf(res)
      if (index !== -1) state.responses.splice(index, 1)
      if (state.closeWhenIdle) this.#closeIfIdle(req.socket, state)
      if (state.refusal !== null && !state.responses.some((r) => r.req.complete)) {
        this.#refuse(req.socket, state.refusal)
      }
    })
    state.chain = state.chain
      .then(async () => {
        if (earlier === null) return this.#handle(req, res, expectContinue)
        // An adopted request: its reply goes out after the earlier ones, then the socket closes.
        await Promise.all(earlier.map((other) => closed(other)))
        if (req.destroyed) return // its body broke the framing: refused already
        res.once('finish', () => req.socket.destroySoon())
        res.assignSocket(req.socket)
        await this.#handle(req, res, expectContinue)
        if (!res.writableEnded) req.socket.destroy()
      })
      .catch((error: unknown) => this.#failed(error, req, res))
  }

  /**
   * Takes over a socket whose request Node refused for carrying both `Transfer-Encoding` and
   * `Content-Length` (see conflicting-framing.ts); false when its head cannot be found in the
   * bytes Node was parsing (the refusal then stands).
   */
  #adopt(socket: Socket, state: SocketState, error: ParserError): boolean {
    const { rawPacket, bytesParsed } = error
    if (!Buffer.isBuffer(rawPacket) || typeof bytesParsed !== 'number') return false
    const start = headStart(rawPacket, bytesParsed)
    if (start === null) return false
    state.adopted = true
    const earlier = [...state.responses]
    // Node's request timeout no longer watches this socket: keep the same bound on it.
    const { requestTimeout, maxHeaderSize } = this.#options
    if (requestTimeout > 0) {
      const timer = setTimeout(() => socket.destroy(), requestTimeout).unref()
      socket.once('close', () => clearTimeout(timer))
    }
    adoptRequest(socket, rawPacket, start, maxHeaderSize ?? defaultMaxHeaderSize, {
      request: (req, res) => {
        const expect = req.headers.expect?.toLowerCase() === '100-continue'
        this.#enqueue(req, res, expect, earlier)
      },
      refuse: (status) => {
        state.adopted = false
        this.#refuseAfterPending(socket, state, status)
      },
    })
    return true
  }

  async #handle(req: IncomingMessage, res: ServerResponse, expectContinue: boolean): Promise<void> {
    const receivedAt = new Date()
    const clientIp = clientIpOf(req.socket)
    // Access control comes first: a refused client learns nothing and no body byte is read.
    const { allow, auth } = this.#options
    if (allow !== null && !allow.allows(clientIp)) {
      return this.#reject(res, 403)
    }
    if (auth !== null && !auth.check(req.headers.authorization)) {
      return this.#reject(res, 401, { 'WWW-Authenticate': BASIC_CHALLENGE })
    }
    if (req.method === 'GET' || req.method === 'HEAD') return replyRunning(res, this.#closing)
    if (req.method !== 'POST') return this.#reject(res, 405, { Allow: 'GET, HEAD, POST' })
    const { path, maxBodyBytes } = this.#options
    if (path !== undefined && pathnameOf(req.url) !== path) return this.#reject(res, 404)
    if (this.#closing) return this.#reject(res, 503)
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
      const admitted = this.#fanout.admit()
      admission = admitted instanceof Promise ? await admitted : admitted
    }
    if (this.#closing) {
      admission?.release()
      return this.#reject(res, 503)
    }
    const post = this.#receive(req, res, expectContinue, clientIp, receivedAt, admission)
    this.#inFlight.add(post)
    try {
      await post
    } finally {
      this.#inFlight.delete(post)
      admission?.release()
    }
  }

  async #receive(
    req: IncomingMessage,
    res: ServerResponse,
    expectContinue: boolean,
    clientIp: string,
    receivedAt: Date,
    admission: Admission | null,
  ): Promise<void> {
    if (expectContinue) res.writeContinue()
    const { parseOptions, images, onRaw } = this.#options
    const parser = new BodyParser({ ...parseOptions, clientIp, receivedAt })
    // Raw chunks cost memory (the whole body per post in flight), so they are kept only for onRaw.
    const raw: Buffer[] | null = onRaw === undefined ? null : []
    const outcome = await readBody(req, parser, raw)
    this.#stats.bytes += parser.bytes
    if (outcome !== 'end') {
      // A body over maxBodyBytes has already failed as 'too-large', with its detail.
      parser.fail('parse-error', 'the body was not read to its end')
      // end() removes any image file written for the partial body.
      await parser.end()
      if (outcome === 'aborted') {
        this.#stats.aborted++
        return
      }
      return this.#tooLarge(res, clientIp, parser.failure?.detail ?? '')
    }
    // Without image files nothing is pending: skip end()'s promise (this runs for every post).
    const result = typeof images === 'object' ? await parser.end() : parser.endSync()
    for (const error of parser.imageErrors) {
      const message = `an image from ${clientIp} could not be written: ${error.message}`
      this.#errors.report(
        new ViewtronServerError('VIEWTRON_IMAGE_WRITE_FAILED', message, { cause: error, clientIp }),
      )
    }
    const refusal = await this.#dispatch(result, raw, parser.bytes, clientIp, receivedAt, admission)
    if (refusal !== null) {
      this.#stats.refused++
      replyRefused(res, refusal.retryAfterSeconds, this.#closing)
      return
    }
    if (replySuccess(res, this.#closing)) this.#stats.acknowledged++
  }

  /**
   * Callbacks in order (onConnect, onPresence, onRaw, then by kind), then the subscribers'
   * queues. Returns the refusal when a handler refused the post (nothing was queued).
   */
  async #dispatch(
    result: ParseResult,
    raw: Buffer[] | null,
    bytes: number,
    clientIp: string,
    receivedAt: Date,
    admission: Admission | null,
  ): Promise<RefusePost | null> {
    const { onConnect, onRaw } = this.#options
    const errors = this.#errors
    this.#stats.posts++
    const now = performance.now()
    const change = this.#registry.note(clientIp, receivedAt, now, result)
    if (change === 'first' && onConnect !== undefined) {
      await errors.call('onConnect', clientIp, () => onConnect(clientIp))
    }
    const online = this.#presence.posted(clientIp, now, change)
    if (online !== null) await online
    const traject = result.kind === 'event' && result.event.category === 'traject'
    if (raw !== null && onRaw !== undefined && bytes > 0 && !traject) {
      const text = Buffer.concat(raw).toString('utf8')
      raw.length = 0
      await errors.call('onRaw', clientIp, () => onRaw(text, clientIp))
    }
    switch (result.kind) {
      case 'keepalive': {
        this.#stats.keepalives++
        const { keepalive } = result
        await this.#handlers.run('onKeepalive', clientIp, false, (h) =>
          h.onKeepalive?.(keepalive, clientIp),
        )
        return null
      }
      case 'alarmStatus': {
        const { status } = result
        const refusal = await this.#handlers.run('onAlarmStatus', clientIp, true, (h) =>
          h.onAlarmStatus?.(status, clientIp),
        )
        if (refusal === null) this.#stats.alarmStatus++
        return refusal
      }
      case 'unparsed':
        await this.#unparsed(clientIp, result.reason, result.detail)
        return null
      case 'event': {
        const { event } = result
        const refusal = await this.#handlers.run('onEvent', clientIp, true, (h) =>
          h.onEvent?.(event, clientIp),
        )
        if (refusal !== null) {
          // The device sends the post again, with its images: these files belong to no event.
          for (const error of await removeImageFiles(event)) {
            const message = `an image file of a refused post from ${clientIp} could not be removed: ${error.message}`
            this.#errors.report(
              new ViewtronServerError('VIEWTRON_IMAGE_WRITE_FAILED', message, {
                cause: error,
                clientIp,
              }),
            )
          }
          return refusal
        }
        this.#stats.events[event.category]++
        this.#stats.drops += this.#fanout.publish(event)
        // Queued: the event now counts in the queues' depth instead of as a post being read.
        admission?.release()
        // The reply waits until every blocking queue has room again: that is the backpressure.
        const room = this.#fanout.room()
        if (room !== null) await room
        return null
      }
    }
  }

  /** `413` for a body over `maxBodyBytes` (declared or read), reported as `too-large`. */
  #tooLarge(res: ServerResponse, clientIp: string, detail: string): Promise<void> {
    this.#reject(res, 413)
    return this.#unparsed(clientIp, 'too-large', detail)
  }

  async #unparsed(clientIp: string, reason: UnparsedReason, detail: string): Promise<void> {
    this.#stats.unparsed[reason]++
    const { onUnparsed } = this.#options
    if (onUnparsed !== undefined) {
      await this.#errors.call('onUnparsed', clientIp, () =>
        onUnparsed({ clientIp, reason, detail }),
      )
    }
  }

  #reject(res: ServerResponse, status: RejectStatus, headers?: Record<string, string>): void {
    this.#stats.rejected[status]++
    replyError(res, status, headers)
  }

  #failed(error: unknown, req: IncomingMessage, res: ServerResponse): void {
    const message = `handling ${req.method ?? '?'} ${req.url ?? ''} failed: ${messageOf(error)}`
    this.#errors.report(
      new ViewtronServerError('VIEWTRON_REQUEST_FAILED', message, {
        cause: error,
        clientIp: clientIpOf(req.socket),
      }),
    )
    if (!res.headersSent) this.#reject(res, 500)
    else res.destroy()
  }
}
