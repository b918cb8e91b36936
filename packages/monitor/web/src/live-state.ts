import type {
  WireCamera,
  WireCamerasUpdate,
  WireCounters,
  WireEvent,
  WireState,
} from '../../src/wire.js'

/** Rows kept in the feed: the page can stay open for days with a fixed number of rows and images. */
export const MAX_FEED_ROWS = 300

/** What the page shows. */
export interface LiveState {
  loaded: boolean
  connected: boolean
  run: string
  lastEventId: string
  cameras: Map<string, WireCamera>
  counters: WireCounters | null
  /** Newest first, at most {@link MAX_FEED_ROWS}. */
  feed: WireEvent[]
  search: boolean
  offlineAfterMs: number | null
}

export type LiveAction =
  | { type: 'state'; state: WireState }
  | { type: 'event'; event: WireEvent }
  | { type: 'cameras'; update: WireCamerasUpdate }
  | { type: 'connected'; connected: boolean }

export const initialState: LiveState = {
  loaded: false,
  connected: false,
  run: '',
  lastEventId: '',
  cameras: new Map(),
  counters: null,
  feed: [],
  search: false,
  offlineAfterMs: null,
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'state': {
      const { state: s } = action
      return {
        ...state,
        loaded: true,
        run: s.run,
        lastEventId: s.lastEventId,
        cameras: new Map(s.cameras.map((camera) => [camera.key, camera])),
        counters: s.counters,
        feed: s.events.slice(0, MAX_FEED_ROWS),
        search: s.search,
        offlineAfterMs: s.offlineAfterMs,
      }
    }
    case 'event': {
      const { event } = action
      // A replayed frame the state already held is not shown twice.
      if (state.feed.some((row) => row.id === event.id)) return state
      const feed = [event, ...state.feed]
      if (feed.length > MAX_FEED_ROWS) feed.length = MAX_FEED_ROWS
      const cameras = new Map(state.cameras)
      const card = cameras.get(event.camera)
      if (card !== undefined) {
        cameras.set(event.camera, {
          ...card,
          online: true,
          lastSeen: event.receivedAt,
          events: card.events + 1,
          lastEvent: event.category === 'traject' ? card.lastEvent : event,
        })
      }
      return { ...state, feed, cameras, lastEventId: event.id }
    }
    case 'cameras': {
      const cameras = new Map(state.cameras)
      for (const key of action.update.removed) cameras.delete(key)
      for (const camera of action.update.cameras) cameras.set(camera.key, camera)
      return { ...state, cameras, counters: action.update.counters }
    }
    case 'connected':
      return { ...state, connected: action.connected }
  }
}
