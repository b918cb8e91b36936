import type { WireCamerasUpdate, WireEvent, WireState } from '../../src/wire.js'
import type { LiveAction } from './live-state.js'

/**
 * Keeps the page in step with the server: loads the state, then follows the event stream. The
 * browser reconnects a dropped stream by itself and sends `Last-Event-ID`, so nothing is missed;
 * when the server can no longer replay (`reset`) or the stream failed for good, the page reloads
 * the state and starts again.
 */
export class LiveConnection {
  readonly #dispatch: (action: LiveAction) => void
  #source: EventSource | null = null
  #lastEventId = ''
  #traject = false
  #retry: number | undefined
  #closed = false

  constructor(dispatch: (action: LiveAction) => void) {
    this.#dispatch = dispatch
  }

  async start(): Promise<void> {
    this.#closed = false
    try {
      const response = await fetch('/api/state', { cache: 'no-store' })
      if (!response.ok) throw new Error(`state: ${response.status}`)
      const state = (await response.json()) as WireState
      this.#lastEventId = state.lastEventId
      this.#dispatch({ type: 'state', state })
      this.#open()
    } catch {
      this.#later()
    }
  }

  /** Tracking events are many; they are streamed only while the feed shows them. */
  setTraject(traject: boolean): void {
    if (traject === this.#traject) return
    this.#traject = traject
    if (this.#source !== null) this.#open()
  }

  stop(): void {
    this.#closed = true
    window.clearTimeout(this.#retry)
    this.#source?.close()
    this.#source = null
  }

  #open(): void {
    this.#source?.close()
    const params = new URLSearchParams()
    if (this.#lastEventId !== '') params.set('after', this.#lastEventId)
    if (this.#traject) params.set('traject', '1')
    const source = new EventSource(`/api/stream?${params}`)
    this.#source = source
    source.onopen = () => this.#dispatch({ type: 'connected', connected: true })
    source.addEventListener('event', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as WireEvent
      this.#lastEventId = event.id
      this.#dispatch({ type: 'event', event })
    })
    source.addEventListener('cameras', (message) => {
      const update = JSON.parse((message as MessageEvent<string>).data) as WireCamerasUpdate
      this.#dispatch({ type: 'cameras', update })
    })
    source.addEventListener('reset', () => {
      source.close()
      void this.start()
    })
    source.onerror = () => {
      this.#dispatch({ type: 'connected', connected: false })
      if (source.readyState === EventSource.CLOSED) this.#later()
    }
  }

  #later(): void {
    if (this.#closed) return
    window.clearTimeout(this.#retry)
    this.#retry = window.setTimeout(() => void this.start(), 3000)
  }
}
