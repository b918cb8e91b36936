import type { WireEvent } from '../../src/wire.js'
import { CATEGORY_LABELS, clockTime } from './format.js'
import { type OpenImage, Thumbnail } from './thumbnail.js'

/** What identifies the target: plate and group, or the target type and count. */
function subject(event: WireEvent): string {
  if (event.category === 'lpr') {
    return event.plateGroup === '' ? '' : event.plateGroup
  }
  if (event.targets > 1) return `${event.targets} × ${event.targetType || 'target'}`
  return event.targetType
}

/** One event in the feed. */
export function FeedRow(props: { event: WireEvent; onOpen: OpenImage }) {
  const { event, onOpen } = props
  return (
    <li class={`row row-${event.category}`} data-event={event.id}>
      <time class="row-time" dateTime={event.receivedAt}>
        {clockTime(event.receivedAt)}
      </time>
      <span class="row-camera">{event.cameraName}</span>
      <span class={`cat cat-${event.category}`}>
        {CATEGORY_LABELS[event.category] ?? event.category}
      </span>
      <span class="row-desc">{event.description}</span>
      <span class="row-subject">
        {event.plate !== '' && <strong class="plate">{event.plate}</strong>}
        {subject(event) !== '' && <span class="muted"> {subject(event)}</span>}
      </span>
      <span class="row-images">
        {event.images.map((image, index) => (
          <Thumbnail
            key={index}
            image={image}
            caption={`${event.cameraName}, ${event.description}`}
            onOpen={onOpen}
          />
        ))}
      </span>
    </li>
  )
}
