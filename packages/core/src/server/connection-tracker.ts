import {
  maxHeaderSize as defaultMaxHeaderSize,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import {
  adoptRequest,
  headStart,
  isConflictingFraming,
  type ParserError,
} from './conflicting-framing.js'
import type { PostHandler } from './post-handler.js'
import type { ServerContext } from './server-context.js'
import type { RejectStatus } from './server-stats.js'
import { closeIfIdle, refuse, type SocketState, trackResponse } from './socket-state.js'

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
 * The server's sockets: keeps each one's requests in order (a request's body is read only after
 * the previous reply), closes sockets Node refused a request on, and answers what Node's HTTP
 * parser refuses (or takes over the request, see conflicting-framing.ts).
 */
export class ConnectionTracker {
  readonly #ctx: ServerContext
  readonly #posts: PostHandler
  /** HTTP-level sockets (TLS sockets once their handshake is done). */
  readonly #sockets = new Map<Socket, SocketState>()
  /** With `tls`: raw sockets whose handshake has not finished, by {@link peerKey}. */
  readonly #handshaking = new Map<string, Socket>()

  constructor(ctx: ServerContext, posts: PostHandler) {
    this.#ctx = ctx
    this.#posts = posts
  }

  /** Open sockets, TLS handshakes included. */
  get size(): number {
    return this.#sockets.size + this.#handshaking.size
  }

  /** A new TCP connection (`connection`). */
  accept(socket: Socket): void {
    this.#ctx.stats.connectionsTotal++
    if (this.#ctx.options.tls === null) {
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

  /** A TLS handshake finished (`secureConnection`): the HTTP layer runs on this socket. */
  secured(socket: Socket): void {
    const key = peerKey(socket)
    if (key !== null) this.#handshaking.delete(key)
    this.#track(socket)
  }

  /**
   * `maxRequestsPerSocket` exceeded (`dropRequest`): Node answers 503 itself, but (Node 20) leaves
   * the socket open afterwards; close it once the replies before it and the 503 are out.
   */
  dropped(socket: Socket): void {
    this.#ctx.stats.rejected[503]++
    const state = this.#sockets.get(socket)
    if (state === undefined) return
    state.closeWhenIdle = true
    closeIfIdle(state)
  }

  /** Shutdown: handshakes in progress carry no request yet, so they are as idle as keep-alive. */
  closeHandshakes(): void {
    for (const socket of this.#handshaking.values()) socket.destroy()
    this.#handshaking.clear()
  }

  /** Shutdown: closes sockets with no request in progress (such as a header never completed). */
  closeIdle(): void {
    for (const [socket, state] of this.#sockets) {
      if (state.responses.length === 0) socket.destroy()
    }
  }

  #track(socket: Socket): void {
    this.#sockets.set(socket, this.#newState(socket))
    socket.once('close', () => this.#sockets.delete(socket))
  }

  /**
   * Node's parser refused what the client sent, or a header/request timeout fired
   * (`clientError`): count it, and answer as Node's default would (unless a reply is already
   * under way), then close.
   */
  clientError(error: ParserError, socket: Duplex): void {
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
      refuse(socket, 400)
      return
    }
    this.#refuseAfterPending(socket, state, clientErrorStatus(error.code))
  }

  /**
   * Counts a refusal and sends it: after the complete requests before it are answered, or at
   * once (a timeout, or nothing complete ahead); then the socket closes.
   */
  #refuseAfterPending(socket: Duplex, state: SocketState | undefined, status: RejectStatus): void {
    this.#ctx.stats.rejected[status]++
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
    else refuse(socket, status)
  }

  /**
   * A request (`request`, or `checkContinue` with `expectContinue`). Node emits pipelined
   * requests as soon as their headers are parsed; chaining them per socket keeps their events in
   * order and never reads a request's body before the previous reply.
   */
  enqueue(
    req: IncomingMessage,
    res: ServerResponse,
    expectContinue: boolean,
    earlier: readonly ServerResponse[] | null = null,
  ): void {
    const state = this.#sockets.get(req.socket) ?? this.#newState(req.socket)
    state.responses.push(res)
    // Node announces `Connection: close` on the last allowed reply but (Node 20) keeps the
    // socket open; close it once that reply is out.
    const { maxRequestsPerSocket } = this.#ctx.options
    if (maxRequestsPerSocket > 0 && ++state.requests >= maxRequestsPerSocket) {
      state.closeWhenIdle = true
    }
    trackResponse(state, res)
    if (state.busy) state.waiting.push({ req, res, expectContinue, earlier })
    else this.#start(state, req, res, expectContinue, earlier)
  }

  #newState(socket: Socket): SocketState {
    const state: SocketState = {
      socket,
      responses: [],
      busy: false,
      waiting: [],
      req: null,
      res: null,
      settle: () => this.#next(state),
      fail: (error: unknown) => {
        this.#posts.failed(error, state.req as IncomingMessage, state.res as ServerResponse)
        this.#next(state)
      },
      requests: 0,
      closeWhenIdle: false,
      refusal: null,
      adopted: false,
    }
    return state
  }

  /** Handles a request now: the socket has no other in progress. */
  #start(
    state: SocketState,
    req: IncomingMessage,
    res: ServerResponse,
    expectContinue: boolean,
    earlier: readonly ServerResponse[] | null,
  ): void {
    state.busy = true
    state.req = req
    state.res = res
    const handling =
      earlier === null
        ? this.#posts.handle(req, res, expectContinue)
        : this.#handleAdopted(req, res, expectContinue, earlier)
    handling.then(state.settle, state.fail)
  }

  /** The socket's next waiting request, if any. */
  #next(state: SocketState): void {
    state.req = null
    state.res = null
    const next = state.waiting.shift()
    if (next === undefined) state.busy = false
    else this.#start(state, next.req, next.res, next.expectContinue, next.earlier)
  }

  /** An adopted request: its reply goes out after the earlier ones, then the socket closes. */
  async #handleAdopted(
    req: IncomingMessage,
    res: ServerResponse,
    expectContinue: boolean,
    earlier: readonly ServerResponse[],
  ): Promise<void> {
    await Promise.all(earlier.map((other) => closed(other)))
    if (req.destroyed) return // its body broke the framing: refused already
    res.once('finish', () => req.socket.destroySoon())
    res.assignSocket(req.socket)
    await this.#posts.handle(req, res, expectContinue)
    if (!res.writableEnded) req.socket.destroy()
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
    const { requestTimeout, maxHeaderSize } = this.#ctx.options
    if (requestTimeout > 0) {
      const timer = setTimeout(() => socket.destroy(), requestTimeout).unref()
      socket.once('close', () => clearTimeout(timer))
    }
    adoptRequest(socket, rawPacket, start, maxHeaderSize ?? defaultMaxHeaderSize, {
      request: (req, res) => {
        const expect = req.headers.expect?.toLowerCase() === '100-continue'
        this.enqueue(req, res, expect, earlier)
      },
      refuse: (status) => {
        state.adopted = false
        this.#refuseAfterPending(socket, state, status)
      },
    })
    return true
  }
}
