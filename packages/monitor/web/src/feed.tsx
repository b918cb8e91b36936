import type { WireCamera, WireEvent } from '../../src/wire.js'
import { CategoryOptions } from './category-options.js'
import { FeedRow } from './feed-row.js'
import type { OpenImage } from './thumbnail.js'

/** The feed's filters: one category, one camera, and whether tracking shows. */
export interface FeedFilter {
  category: string
  camera: string
  traject: boolean
}

/** Newest first, filtered by category and camera; tracking only when asked for. */
export function Feed(props: {
  events: WireEvent[]
  cameras: WireCamera[]
  filter: FeedFilter
  onFilter: (filter: FeedFilter) => void
  onOpen: OpenImage
}) {
  const { events, cameras, filter, onFilter, onOpen } = props
  const shown = events.filter(
    (event) =>
      (filter.traject || event.category !== 'traject') &&
      (filter.category === '' || event.category === filter.category) &&
      (filter.camera === '' || event.camera === filter.camera),
  )
  return (
    <section class="panel" aria-labelledby="feed-title">
      <div class="panel-head">
        <h2 id="feed-title">Feed</h2>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <span class="field">
            <label for="feed-category">Category</label>
            <select
              id="feed-category"
              name="category"
              value={filter.category}
              onChange={(e) => onFilter({ ...filter, category: e.currentTarget.value })}
            >
              <CategoryOptions />
            </select>
          </span>
          <span class="field">
            <label for="feed-camera">Camera</label>
            <select
              id="feed-camera"
              name="camera"
              value={filter.camera}
              onChange={(e) => onFilter({ ...filter, camera: e.currentTarget.value })}
            >
              <option value="">All</option>
              {cameras.map((camera) => (
                <option key={camera.key} value={camera.key}>
                  {camera.name} ({camera.clientIp})
                </option>
              ))}
            </select>
          </span>
          <label class="check">
            <input
              type="checkbox"
              name="traject"
              checked={filter.traject}
              onChange={(e) => onFilter({ ...filter, traject: e.currentTarget.checked })}
            />{' '}
            Show tracking
          </label>
        </form>
      </div>
      {shown.length === 0 ? (
        <p class="muted empty">No events{events.length > 0 ? ' match the filters' : ' yet'}.</p>
      ) : (
        <ol class="feed" aria-live="polite">
          {shown.map((event) => (
            <FeedRow key={event.id} event={event} onOpen={onOpen} />
          ))}
        </ol>
      )}
    </section>
  )
}
