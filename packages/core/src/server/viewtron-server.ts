import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { ViewtronEvent } from '../event.js'
import { type CameraInfo, CameraRegistry } from './camera-registry.js'
import type { ParserError } from './conflicting-framing.js'
import { ConnectionTracker } from './connection-tracker.js'
import { createHttpServer } from './create-http-server.js'
import { ErrorReporter } from './error-reporter.js'
import { EventFanout } from './event-fanout.js'
import { lanAddress, listenUrls } from './lan-address.js'
import { PostHandler } from './post-handler.js'
import { PresenceTracker } from './presence-tracker.js'
import { resolveQueue } from './resolve-queue.js'
import { resolveServerOptions } from './resolve-server-options.js'
import type { ServerContext } from './server-context.js'
import { messageOf, ViewtronServerError } from './server-error.js'
import type { EventsOptions, ViewtronServerOptions } from './server-options.js'
import { type ServerStats, StatsCounter } from './server-stats.js'
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
  readonly #ctx: ServerContext
  readonly #http: Server
  readonly #posts: PostHandler
  readonly #connections: ConnectionTracker
  #listening: Promise<ListenInfo> | null = null
  #shutdown: Promise<void> | null = null
  readonly #stopped: Promise<void>
  #markStopped: () => void = () => undefined

  /** @throws TypeError or RangeError naming the bad option. */
  constructor(options: ViewtronServerOptions = {}) {
    const resolved = resolveServerOptions(options)
    const errors = new ErrorReporter(resolved.onError)
    const { onEvent, onAlarmStatus, onKeepalive, onPresence } = resolved
    const handlers = new HandlerSet({ onEvent, onAlarmStatus, onKeepalive, onPresence }, errors)
    const registry = new CameraRegistry()
    const presence = new PresenceTracker(registry, resolved.offlineAfterMs, (camera, online) =>
      handlers.run('onPresence', camera.clientIp, false, (h) => h.onPresence?.(camera, online)),
    )
    const stats = new StatsCounter()
    const ctx: ServerContext = {
      options: resolved,
      stats,
      registry,
      fanout: new EventFanout(),
      errors,
      handlers,
      presence,
      closing: false,
    }
    this.#ctx = ctx
    this.#posts = new PostHandler(ctx)
    const connections = new ConnectionTracker(ctx, this.#posts)
    this.#connections = connections
    this.#stopped = new Promise((resolve) => {
      this.#markStopped = resolve
    })
    const http = createHttpServer(resolved)
    http.on('connection', (socket: Socket) => connections.accept(socket))
    if (resolved.tls !== null) {
      // With TLS the HTTP layer runs on the TLS socket, which exists once the handshake is done.
      http.on('secureConnection', (socket: Socket) => connections.secured(socket))
      http.on('tlsClientError', () => {
        stats.tlsErrors++
      })
    }
    // maxConnections reached: Node closed the new socket at once.
    http.on('drop', () => {
      stats.dropped++
    })
    http.on('dropRequest', (_req: IncomingMessage, socket: Socket) => connections.dropped(socket))
    http.on('clientError', (error: ParserError, socket: Duplex) =>
      connections.clientError(error, socket),
    )
    http.on('request', (req, res) => connections.enqueue(req, res, false))
    // With a listener here Node leaves `100 Continue` to us, so an oversized body is refused first.
    http.on('checkContinue', (req, res) => connections.enqueue(req, res, true))
    http.on('error', (error) => {
      // Errors while starting reject listen(); a later one (rare) must not crash the process.
      if (http.listening) {
        errors.report(
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
    return this.#ctx.registry.cameras
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
      this.#http.listen({ port: this.#ctx.options.port, host: this.#ctx.options.host }, () => {
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
    console.log(`Listening on ${this.#scheme}://${lanAddress(this.#ctx.options.host)}:${port}`)
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
   * (see `docs/receiving-events.md`, "Backpressure and concurrency"), so always consume or `break`.
   *
   * @throws TypeError or RangeError for a bad option.
   */
  events(options: EventsOptions = {}): AsyncIterableIterator<ViewtronEvent> {
    const queue = resolveQueue(options, this.#ctx.options.queue, 'events() option ')
    const { signal } = options
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError('events() option signal must be an AbortSignal')
    }
    return this.#ctx.fanout.subscribe({ ...queue, signal })
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
    return this.#ctx.handlers.add(handlers)
  }

  /** Counters since the server was created, plus live queue depths and connections. */
  stats(): ServerStats {
    const { stats, errors, fanout } = this.#ctx
    return stats.snapshot({
      errors: errors.count,
      queues: fanout.stats(),
      connections: this.#connections.size,
      inFlight: this.#posts.inFlight,
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
    return this.#ctx.options.tls === null ? 'http' : 'https'
  }

  async #close(): Promise<void> {
    const ctx = this.#ctx
    ctx.closing = true
    ctx.presence.stop()
    this.#connections.closeHandshakes()
    // Held posts are released: their events are queued already, so subscribers still get them.
    ctx.fanout.unblock()
    // A listen() in progress must finish before the listener can be closed.
    const listening = await this.#listening?.catch(() => null)
    const closed =
      listening == null
        ? Promise.resolve()
        : new Promise<void>((resolve) => this.#http.close(() => resolve()))
    // close() stops accepting and closes keep-alive sockets that sit between requests.
    this.#http.closeIdleConnections()
    await this.#posts.settled()
    // What is left: sockets still answering (they close after the reply) and sockets with no
    // request in progress, such as a header that never completed.
    this.#connections.closeIdle()
    ctx.fanout.end()
    await ctx.presence.settled()
    await closed
    this.#markStopped()
  }
}
