import type { WireImage } from '../../src/wire.js'
import { CATEGORY_LABELS, clockTime } from './format.js'
import { type OpenImage, Thumbnail } from './thumbnail.js'

/** What one row shows, for a live event or a stored one. */
export interface EventRowProps {
  /** `data-event` (live) or `data-result` (search) and its id. */
  marker: { 'data-event': string } | { 'data-result': string }
  category: string
  receivedAt: string
  cameraName: string
  description: string
  plate: string
  /** Plate group, or the target type and count. */
  detail: string
  /** A remark after the plate (how a search matched it). */
  note?: string
  images: WireImage[]
  onOpen: OpenImage
}

/** One event as a row: time, camera, category, description, plate and detail, thumbnails. */
export function EventRow(props: EventRowProps) {
  const caption = `${props.cameraName}, ${props.description}`
  return (
    <li class={`row row-${props.category}`} {...props.marker}>
      <time class="row-time" dateTime={props.receivedAt}>
        {clockTime(props.receivedAt)}
      </time>
      <span class="row-camera">{props.cameraName}</span>
      <span class={`cat cat-${props.category}`}>
        {CATEGORY_LABELS[props.category] ?? props.category}
      </span>
      <span class="row-desc">{props.description}</span>
      <span class="row-subject">
        {props.plate !== '' && <strong class="plate">{props.plate}</strong>}
        {props.note !== undefined && <span class="match"> ({props.note})</span>}
        {props.detail !== '' && <span class="muted"> {props.detail}</span>}
      </span>
      <span class="row-images">
        {props.images.map((image, index) => (
          <Thumbnail key={index} image={image} caption={caption} onOpen={props.onOpen} />
        ))}
      </span>
    </li>
  )
}
