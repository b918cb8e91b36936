import { TrajectEvent } from '../event.js'
import type { TrajectTarget } from '../event-fields.js'
import { collectImages } from './images.js'
import { commonFields, type PostContext } from './post-context.js'
import { child, items, num, rect, targetType, text } from './read.js'

/** Tracking posts: one target per `traject/item`, never trusting `count`. */
export function buildTraject(ctx: PostContext): TrajectEvent {
  const targets: TrajectTarget[] = items(child(ctx.root, 'traject')).map((item) => ({
    targetId: num(item, 'targetid'),
    targetType: targetType(text(item, 'targettype')),
    rect: rect(child(item, 'rect')),
    velocity: num(item, 'velocity'),
    direction: num(item, 'direction'),
  }))
  return new TrajectEvent(
    Object.assign(commonFields(ctx, collectImages(ctx.sites), null, null), { targets }),
  )
}
