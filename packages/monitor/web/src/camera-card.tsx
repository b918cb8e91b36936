import type { WireCamera } from '../../src/wire.js'
import { CATEGORY_LABELS, relativeTime } from './format.js'
import { type OpenImage, Thumbnail } from './thumbnail.js'

function kindOf(camera: WireCamera): string {
  if (camera.source === 'nvr') {
    return camera.channelId === null ? 'NVR' : `NVR channel ${camera.channelId}`
  }
  if (camera.source === 'ipc') return 'IP camera'
  return 'device'
}

/** One camera: identity, presence, last seen, and its latest event with its picture. */
export function CameraCard(props: { camera: WireCamera; now: number; onOpen: OpenImage }) {
  const { camera, now, onOpen } = props
  const last = camera.lastEvent
  const picture =
    last?.images.find((image) => image.role === 'target' && image.url !== null) ??
    last?.images.find((image) => image.url !== null)
  const state = camera.online ? 'online' : 'offline'
  return (
    <article
      class={`card card-${state}`}
      data-camera={camera.key}
      aria-label={`${camera.name}, ${state}`}
    >
      <header class="card-head">
        <span class={`dot dot-${state}`} aria-hidden="true" />
        <h3 class="card-name">{camera.name}</h3>
        <span class={`badge badge-${state}`}>{state}</span>
      </header>
      <dl class="card-facts">
        <dt>IP</dt>
        <dd>
          {camera.clientIp}
          {camera.deviceIp !== '' && camera.deviceIp !== camera.clientIp
            ? ` (${camera.deviceIp})`
            : ''}
        </dd>
        <dt class="fact-detail">Model</dt>
        <dd class="fact-detail">
          {kindOf(camera)}
          {camera.configVersion !== '' ? ` · API ${camera.configVersion}` : ''}
        </dd>
        {camera.mac !== '' && (
          <>
            <dt class="fact-detail">MAC</dt>
            <dd class="fact-detail">{camera.mac}</dd>
          </>
        )}
        <dt>Last seen</dt>
        <dd class="card-last-seen" title={camera.lastSeen}>
          {relativeTime(camera.lastSeen, now)}
        </dd>
        <dt>Events</dt>
        <dd>{camera.events}</dd>
      </dl>
      <div class="card-last">
        {last === null ? (
          <span class="muted">No event yet</span>
        ) : (
          <>
            {picture !== undefined && (
              <Thumbnail
                image={picture}
                caption={`${camera.name}, ${last.description}`}
                onOpen={onOpen}
              />
            )}
            <div class="card-last-text">
              <span class={`cat cat-${last.category}`}>
                {CATEGORY_LABELS[last.category] ?? last.category}
              </span>
              {last.plate !== '' && <strong class="plate">{last.plate}</strong>}
              <span class="muted">{relativeTime(last.receivedAt, now)}</span>
            </div>
          </>
        )}
      </div>
    </article>
  )
}
