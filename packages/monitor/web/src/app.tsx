import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks'
import type { WireImage } from '../../src/wire.js'
import { CameraCard } from './camera-card.js'
import { Counters } from './counters.js'
import { Feed, type FeedFilter } from './feed.js'
import { Lightbox } from './lightbox.js'
import { LiveConnection } from './live-connection.js'
import { initialState, liveReducer } from './live-state.js'
import { SearchPanel } from './search-panel.js'

/** The whole page: cameras, counters, feed and (with a store) search. */
export function App() {
  const [state, dispatch] = useReducer(liveReducer, initialState)
  const [filter, setFilter] = useState<FeedFilter>({ category: '', camera: '', traject: false })
  const [open, setOpen] = useState<{ image: WireImage; caption: string } | null>(null)
  const [now, setNow] = useState(Date.now())
  const connection = useRef<LiveConnection | null>(null)

  useEffect(() => {
    const live = new LiveConnection(dispatch)
    connection.current = live
    void live.start()
    // Relative times ("12 s ago") move on by themselves.
    const tick = window.setInterval(() => setNow(Date.now()), 5000)
    return () => {
      live.stop()
      window.clearInterval(tick)
    }
  }, [])

  useEffect(() => connection.current?.setTraject(filter.traject), [filter.traject])

  const cameras = useMemo(
    () =>
      [...state.cameras.values()].sort(
        (a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key),
      ),
    [state.cameras],
  )
  const offline = cameras.filter((camera) => !camera.online).length
  const onOpen = useCallback((image: WireImage, caption: string) => setOpen({ image, caption }), [])
  const onClose = useCallback(() => setOpen(null), [])

  return (
    <>
      <header class="top">
        <h1>Viewtron monitor</h1>
        <p class="summary" aria-live="polite">
          <span class={state.connected ? 'live' : 'stale'}>
            {state.connected ? 'Live' : 'Reconnecting…'}
          </span>
          {' · '}
          {cameras.length} camera{cameras.length === 1 ? '' : 's'}
          {offline > 0 && <strong class="offline-count"> · {offline} offline</strong>}
        </p>
        <nav class="jump" aria-label="Sections">
          <a href="#cameras-title">Cameras</a>
          <a href="#feed-title">Feed</a>
          <a href="#counters-title">Counters</a>
          {state.search && <a href="#search-title">Search</a>}
        </nav>
      </header>
      <main>
        <section class="panel" aria-labelledby="cameras-title">
          <div class="panel-head">
            <h2 id="cameras-title">Cameras</h2>
          </div>
          {cameras.length === 0 ? (
            <p class="muted empty">{state.loaded ? 'No camera has posted yet.' : 'Loading…'}</p>
          ) : (
            <div class="cards">
              {cameras.map((camera) => (
                <CameraCard key={camera.key} camera={camera} now={now} onOpen={onOpen} />
              ))}
            </div>
          )}
        </section>
        <div class="columns">
          <Feed
            events={state.feed}
            cameras={cameras}
            filter={filter}
            onFilter={setFilter}
            onOpen={onOpen}
          />
          <Counters counters={state.counters} cameras={cameras} />
        </div>
        {state.search && <SearchPanel cameras={cameras} onOpen={onOpen} />}
      </main>
      {open !== null && <Lightbox image={open.image} caption={open.caption} onClose={onClose} />}
    </>
  )
}
