import type { ServerResponse } from 'node:http'
import { ReplayBuffer } from './replay-buffer.js'

/** A page's open stream. */
interface StreamClient {
  res: ServerResponse
  traject: boolean
}

/** A client that lets this much pile up unsent is dropped; it reconnects and resumes. */
const MAX_BUFFERED_BYTES = 8 * 2 ** 20

/** Formats one server-sent event frame. `data` is JSON on one line, so no line splitting. */
export function sseFrame(type: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`
}

/**
 * The live stream (`text/event-stream`) to every open page. Event frames carry ids
 * (`<run>.<seq>`) and are kept in a bounded replay buffer, so a page that reconnects with
 * `Last-Event-ID` gets exactly what it missed, or a `reset` when that is no longer held.
 * Status frames (cameras, counters) carry no id: they are snapshots, resent on reconnect.
 */
export class EventStream {
  readonly #clients = new Set<StreamClient>()
  readonly #replay: ReplayBuffer
  readonly #run: string
  readonly #ping: NodeJS.Timeout

  constructor(run: string, replayCapacity: number, pingMs = 15_000) {
    this.#run = run
    this.#replay = new ReplayBuffer(replayCapacity)
    // A comment now and then keeps proxies and NAT from closing an idle stream.
    this.#ping = setInterval(() => this.#broadcast(': ping\n\n', false), pingMs)
    this.#ping.unref()
  }

  get clients(): number {
    return this.#clients.size
  }

  /**
   * Opens a stream on `res`. `lastEventId` is the browser's `Last-Event-ID` (or the page's
   * `after` parameter); `initial` is written first (the current status snapshot).
   */
  open(res: ServerResponse, lastEventId: string, traject: boolean, initial: string): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write('retry: 2000\n\n')
    if (lastEventId !== '') {
      const [run, seqText] = lastEventId.split('.')
      const seq = Number(seqText)
      const missed = run === this.#run && Number.isInteger(seq) ? this.#replay.after(seq) : null
      if (missed === null) res.write(sseFrame('reset', { reason: 'too old to resume' }))
      else for (const entry of missed) if (traject || !entry.traject) res.write(entry.frame)
    }
    res.write(initial)
    const client: StreamClient = { res, traject }
    this.#clients.add(client)
    res.once('close', () => this.#clients.delete(client))
  }

  /** Sends an event frame to every stream (tracking only to those that asked) and keeps it. */
  publishEvent(seq: number, traject: boolean, frame: string): void {
    this.#replay.push({ seq, traject, frame })
    this.#broadcast(frame, traject)
  }

  /** Sends a frame without id to every stream. */
  publish(frame: string): void {
    this.#broadcast(frame, false)
  }

  /** Ends every stream (the pages will try to reconnect). */
  close(): void {
    clearInterval(this.#ping)
    for (const client of this.#clients) client.res.end()
    this.#clients.clear()
  }

  /** `traject` frames go only to the streams that asked for tracking. */
  #broadcast(frame: string, traject: boolean): void {
    for (const client of this.#clients) {
      if (traject && !client.traject) continue
      if (client.res.writableLength > MAX_BUFFERED_BYTES) {
        client.res.destroy()
        this.#clients.delete(client)
        continue
      }
      client.res.write(frame)
    }
  }
}
