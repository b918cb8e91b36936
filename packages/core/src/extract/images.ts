import { EventImage, type ImageRole } from '../event-image.js'
import type { ImageSite, XmlElement } from '../parser/element-tree.js'
import { child, num } from './read.js'

/** The images of one post, in document order, findable by their block. */
export interface PostImages {
  all: EventImage[]
  /** The image held by a block (`sourceDataInfo`, `targetImageData`), preferring a valid one. */
  in(block: XmlElement | null | undefined): EventImage | null
}

function positive(value: number | null): number | null {
  // The NVR sends 0×0 for overviews it has; a zero dimension is never real.
  return value !== null && value > 0 ? value : null
}

function roleOf(
  block: XmlElement,
  element: XmlElement,
  overviews: ReadonlySet<XmlElement>,
): ImageRole {
  if (overviews.has(block) || block.key === 'sourcedatainfo') return 'source'
  if (block.key === 'targetimagedata') return 'target'
  return element.key.startsWith('source') ? 'source' : 'target'
}

/**
 * Wraps every decoded image in an {@link EventImage}. `overviews` are blocks that hold the overview
 * although they are called `targetImageData` (the first item of a two-item v1 LPR list).
 */
export function collectImages(
  sites: readonly ImageSite[],
  overviews: ReadonlySet<XmlElement> = new Set(),
): PostImages {
  const all: EventImage[] = []
  const byBlock = new Map<XmlElement, EventImage[]>()
  for (const { element, block } of sites) {
    const stored = element.image ?? {
      byteLength: 0,
      valid: false,
      data: null,
      path: null,
      error: 'no image data',
    }
    const length = child(block, element.key.replace('data', 'length'))
    const image = new EventImage(
      {
        role: roleOf(block, element, overviews),
        width: positive(num(child(block, 'width'))),
        height: positive(num(child(block, 'height'))),
        declaredLength: num(length),
      },
      stored,
    )
    all.push(image)
    const list = byBlock.get(block)
    if (list === undefined) byBlock.set(block, [image])
    else list.push(image)
  }
  return {
    all,
    in(block) {
      if (block == null) return null
      const list = byBlock.get(block)
      if (list === undefined) return null
      return list.find((image) => image.valid) ?? list[0] ?? null
    },
  }
}

/** The first candidate that holds a valid image, else the first that holds any. */
export function pickImage(...candidates: (EventImage | null)[]): EventImage | null {
  const present = candidates.filter((image): image is EventImage => image !== null)
  return present.find((image) => image.valid) ?? present[0] ?? null
}
