import type { WireEvent } from '../../src/wire.js'
import { EventRow } from './event-row.js'
import type { OpenImage } from './thumbnail.js'

/** What identifies the target: plate group, or the target type and count. */
function detail(event: WireEvent): string {
  if (event.category === 'lpr') return event.plateGroup
  if (event.targets > 1) return `${event.targets} × ${event.targetType || 'target'}`
  return event.targetType
}

/** One live event in the feed. */
export function FeedRow(props: { event: WireEvent; onOpen: OpenImage }) {
  const { event } = props
  return (
    <EventRow
      marker={{ 'data-event': event.id }}
      category={event.category}
      receivedAt={event.receivedAt}
      cameraName={event.cameraName}
      description={event.description}
      plate={event.plate}
      detail={detail(event)}
      images={event.images}
      onOpen={props.onOpen}
    />
  )
}
