import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo, isIP } from 'node:net'
import { fileURLToPath } from 'node:url'
import { BasicAuth, type ViewtronEvent, type ViewtronServer } from '@viewtron/core'
import { CameraBoard } from './camera-board.js'
import { EventStream, sseFrame } from './event-stream.js'
import { summarizeEvent } from './event-summary.js'
import { replyJson, replyText } from './http-replies.js'
import { ImageCache } from './image-cache.js'
import {
  type MonitorOptions,
  type ResolvedMonitorOptions,
  resolveMonitorOptions,
} from './monitor-options.js'
import { RecentEvents } from './recent-events.js'
import { admitRequest } from './request-gate.js'
import { replySearch } from './search-rows.js'
import { IMMUTABLE, serveImage, serveStoredImage } from './serve-image.js'
import { loadStaticFiles, type StaticFile, serveStaticFile } from './static-files.js'
import type { WireCamerasUpdate, WireState } from './wire.js'

/** The page Vite built into this package. */
const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../dist/web', import.meta.url))

/** How often camera cards (last seen, presence) are pushed to the pages, at most. */
const STATUS_INTERVAL_MS = 500

/** Counters of a running monitor. */
export interface MonitorStats {
  /** Events shown since the monitor started, tracking posts included. */
  events: number
  /** Pages connected to the live event stream now. */
  streams: number
  /** Images held for the pages now (bytes in memory, or references to the server's files). */
  cachedImages: number
  /**
   * What those images cost against the `cacheBytes` budget, in bytes: their size when held in
   * memory, a small fixed amount for a file reference.
   */
  cachedBytes: number
}

const routeImage = /^\/images\/([a-z0-9]+)\/(\d+)\/(\d+)\.jpg$/
const routeStored = /^\/stored\/(\d+)\/(\d+)\.jpg$/

/**
 * The live web monitor: a page on its own HTTP server showing every camera, its presence and its
 * events with pictures as they arrive (server-sent events), counters, and search when an event
 * store is attached. Start it with {@link startMonitor}.
 */
export class Monitor {
  readonly #options: ResolvedMonitorOptions
  readonly #http: Server
  readonly #auth: BasicAuth | null
  /** Names this process's ids, so ids and image URLs of an earlier run never collide. */
  readonly #run = Date.now().toString(36) + randomBytes(3).toString('hex')
  readonly #board = new CameraBoard(new Date())
  readonly #cache: ImageCache
  readonly #stream: EventStream
  readonly #recent: RecentEvents
  readonly #files: Map<string, StaticFile>
  readonly #status: NodeJS.Timeout
  readonly #detach = new Set<() => void>()
  #seq = 0
  #url = ''

  /** Use {@link startMonitor}. @throws RangeError for a bad option. */
  constructor(options: MonitorOptions = {}) {
    this.#options = resolveMonitorOptions(options, DEFAULT_WEB_ROOT)
    this.#auth = this.#options.auth === null ? null : new BasicAuth(this.#options.auth)
    this.#cache = new ImageCache(this.#options.cacheBytes)
    this.#stream = new EventStream(this.#run, this.#options.replay)
    this.#recent = new RecentEvents(this.#options.recent)
    this.#files = loadStaticFiles(this.#options.webRoot)
    this.#http = createServer((req, res) => {
      this.#route(req, res).catch(() => {
        if (!res.headersSent) replyText(res, 500, 'internal error')
        else res.destroy()
      })
    })
    this.#status = setInterval(() => this.#flushStatus(), STATUS_INTERVAL_MS)
    this.#status.unref()
  }

  /** The page's URL (`http://127.0.0.1:8080/`), once listening. */
  get url(): string {
    return this.#url
  }

  /** Starts listening; resolves with the page's URL. */
  async listen(): Promise<string> {
    const { port, host } = this.#options
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject)
      this.#http.listen({ port, host }, () => {
        this.#http.off('error', reject)
        resolve()
      })
    })
    const address = this.#http.address() as AddressInfo
    const shown = isIP(address.address) === 6 ? `[${address.address}]` : address.address
    this.#url = `http://${shown}:${address.port}/`
    return this.#url
  }

  /**
   * Shows a server's events and cameras: subscribes to its events (dropping the oldest for the
   * page if it ever falls behind, so the monitor never holds a camera's reply), and follows its
   * camera registry and presence (`offlineAfterMs`). Returns a function that detaches.
   */
  attach(server: ViewtronServer): () => void {
    const abort = new AbortController()
    const events = server.events({
      overflow: 'drop-oldest',
      highWaterMark: 512,
      signal: abort.signal,
    })
    void (async () => {
      try {
        for await (const event of events) this.publish(event)
      } catch {
        // Aborted by detach.
      }
    })()
    // Presence changes (per client IP) reach the pages at once; last-seen times follow the
    // registry, read twice a second (heartbeats are not events).
    const detachHandlers = server.use({
      onPresence: (camera, online) => {
        this.#board.sync(camera)
        this.setPresence(camera.clientIp, online)
      },
    })
    const sync = (): void => {
      for (const info of server.cameras.values()) this.#board.sync(info)
    }
    const timer = setInterval(sync, STATUS_INTERVAL_MS)
    timer.unref()
    sync()
    const detach = (): void => {
      detachHandlers()
      clearInterval(timer)
      abort.abort()
      this.#detach.delete(detach)
    }
    this.#detach.add(detach)
    return detach
  }

  /** Shows one event (what {@link attach} does for each event of the server). */
  publish(event: ViewtronEvent): void {
    const camera = this.#board.cardFor({
      clientIp: event.clientIp,
      device: event.device,
      source: event.source,
      configVersion: event.configVersion,
      at: event.receivedAt,
    })
    const seq = ++this.#seq
    const { wire, images } = summarizeEvent(event, this.#run, seq, camera)
    for (const { key, image } of images) this.#cache.set(key, image)
    this.#board.noteEvent(wire)
    const traject = wire.category === 'traject'
    if (!traject) this.#recent.add(wire)
    this.#stream.publishEvent(seq, traject, sseFrame('event', wire, wire.id))
  }

  /** A presence change for every camera at `clientIp`, pushed to the pages at once. */
  setPresence(clientIp: string, online: boolean): void {
    this.#board.setPresence(clientIp, online)
    this.#flushStatus()
  }

  /** The monitor's counters now (a fresh object on each call). */
  stats(): MonitorStats {
    return {
      events: this.#seq,
      streams: this.#stream.clients,
      cachedImages: this.#cache.size,
      cachedBytes: this.#cache.bytes,
    }
  }

  /** Detaches from every server, ends the pages' streams and stops listening. */
  async close(): Promise<void> {
    for (const detach of [...this.#detach]) detach()
    clearInterval(this.#status)
    this.#stream.close()
    await new Promise<void>((resolve) => {
      if (!this.#http.listening) return resolve()
      this.#http.close(() => resolve())
      this.#http.closeAllConnections()
    })
  }

  #flushStatus(): void {
    const { cameras, removed } = this.#board.takeChanged()
    if (cameras.length === 0 && removed.length === 0) return
    const update: WireCamerasUpdate = { cameras, removed, counters: this.#board.counters }
    this.#stream.publish(sseFrame('cameras', update))
  }

  #state(): WireState {
    return {
      run: this.#run,
      lastEventId: this.#seq === 0 ? '' : `${this.#run}.${this.#seq}`,
      cameras: this.#board.cameras,
      counters: this.#board.counters,
      events: this.#recent.newestFirst(),
      search: this.#options.store !== null,
      offlineAfterMs: this.#options.offlineAfterMs,
    }
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!admitRequest(req, res, this.#auth)) return
    const url = new URL(req.url ?? '/', 'http://monitor')
    const path = url.pathname
    switch (path) {
      case '/api/state':
        return replyJson(res, this.#state())
      case '/api/cameras':
        return replyJson(res, this.#board.cameras)
      case '/api/counters':
        return replyJson(res, this.#board.counters)
      case '/api/events':
        return replyJson(res, this.#recent.list(url.searchParams))
      case '/api/stream': {
        const lastEventId = String(
          req.headers['last-event-id'] ?? url.searchParams.get('after') ?? '',
        )
        const traject = url.searchParams.get('traject') === '1'
        const initial = sseFrame('cameras', {
          cameras: this.#board.cameras,
          removed: [],
          counters: this.#board.counters,
        } satisfies WireCamerasUpdate)
        return this.#stream.open(res, lastEventId, traject, initial)
      }
      case '/api/search':
        return replySearch(res, this.#options.store, url.searchParams)
    }
    const image = routeImage.exec(path)
    if (image !== null) {
      const [, run, seq, index] = image
      const cached = run === this.#run ? this.#cache.get(`${seq}/${index}`) : undefined
      if (cached === undefined) return replyText(res, 404, 'image no longer cached')
      return serveImage(req, res, cached, `"${run}.${seq}.${index}"`, IMMUTABLE)
    }
    const stored = routeStored.exec(path)
    if (stored !== null) {
      return serveStoredImage(req, res, this.#options.store, Number(stored[1]), Number(stored[2]))
    }
    return serveStaticFile(req, res, this.#files, path === '/' ? '/index.html' : path)
  }
}
