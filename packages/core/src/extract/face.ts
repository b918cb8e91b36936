import { FaceEvent } from '../event.js'
import type { FaceInfo } from '../event-fields.js'
import { collectImages, pickImage } from './images.js'
import { commonFields, type PostContext } from './post-context.js'
import { child, cornerBox, items, num, rect, text } from './read.js'

/** Face events: NVR `faceListInfo` (with attributes) or the v1 `listInfo` (without). */
export function buildFace(ctx: PostContext): FaceEvent {
  const { root } = ctx
  const nvrList = items(child(root, 'facelistinfo'))
  const list = nvrList.length > 0 ? nvrList : items(child(root, 'listinfo'))
  const faces: FaceInfo[] = list.map((item) => ({
    targetId: num(item, 'targetid'),
    // Some firmware gives the box as four corner points (pixels) instead of a rect.
    rect: rect(child(item, 'rect')) ?? cornerBox(item),
    age: text(item, 'age'),
    sex: text(item, 'sex'),
    glasses: text(item, 'glasses'),
    mask: text(item, 'mask'),
  }))
  const images = collectImages(ctx.sites)
  const sourceImage = images.in(child(root, 'sourcedatainfo'))
  const targetImage = pickImage(...list.map((item) => images.in(child(item, 'targetimagedata'))))
  return new FaceEvent(
    Object.assign(commonFields(ctx, images, sourceImage, targetImage), {
      faces,
      face: faces[0] ?? null,
    }),
  )
}
