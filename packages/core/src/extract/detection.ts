import type { DetectionFields, DetectionTarget } from '../event-fields.js'
import type { EventImage } from '../event-image.js'
import type { ImageSite, XmlElement } from '../parser/element-tree.js'
import type { Line, Point } from '../types.js'
import { collectImages, type PostImages, pickImage } from './images.js'
import { at, child, childOf, items, num, point, rect, targetType, text } from './read.js'

/** Detection fields and the two chosen images of an intrusion, counting, metadata or other post. */
export interface Detection {
  fields: DetectionFields
  images: PostImages
  sourceImage: EventImage | null
  targetImage: EventImage | null
  /** Which v1 zone block the post carried, if any (tells PEA perimeter from tripwire). */
  zone: 'perimeter' | 'tripwire' | null
  /** The event item the fields were read from (`eventInfo`, `perInfo`, `tripInfo`, `aoiInfo`). */
  main: XmlElement | null
}

function polygon(list: XmlElement | null): Point[] | null {
  if (list === null || list.children.length === 0) return null
  // v1: boundary/item/point/{x,y}; v2: pointGroup/item/{x,y}.
  const points = items(list)
    .map((item) => point(child(item, 'point')) ?? point(item))
    .filter((p): p is Point => p !== null)
  return points.length > 0 ? points : null
}

function line(element: XmlElement | null): Line | null {
  if (element === null) return null
  const start = point(child(element, 'startpoint'))
  const end = point(child(element, 'endpoint'))
  if (start !== null && end !== null) return { start, end }
  // The v1 counting line is written as x1/y1/x2/y2.
  const ends = element.key === 'line' ? rect(element) : null
  return ends === null
    ? null
    : { start: { x: ends.x1, y: ends.y1 }, end: { x: ends.x2, y: ends.y2 } }
}

/** The first `item` of the first list that has one (a list may be present but empty). */
function firstItem(...lists: (XmlElement | null)[]): XmlElement | null {
  for (const list of lists) {
    if (list === null) continue
    for (const c of list.children) if (c.key === 'item') return c
  }
  return null
}

function boundaryWord(raw: string): 'area' | 'tripwire' | '' {
  const value = raw.toLowerCase()
  return value === 'area' || value === 'tripwire' ? value : ''
}

/**
 * Reads a detection in either layout: the v2 `eventInfo` + `targetListInfo`, or the v1
 * `perimeter/perInfo`, `tripwire/tripInfo`, `passLineCount/aoiInfo`, `listInfo` and `vsd`
 * blocks. The first event item is the event; every target-list item is a target.
 */
export function readDetection(root: XmlElement, sites: readonly ImageSite[]): Detection {
  const perimeter = child(root, 'perimeter')
  const tripwire = child(root, 'tripwire')
  const passLine = child(root, 'passlinecount')
  const main = firstItem(
    child(root, 'eventinfo'),
    child(perimeter, 'perinfo'),
    child(tripwire, 'tripinfo'),
    child(passLine, 'aoiinfo'),
  )

  const nvrTargets = items(child(root, 'targetlistinfo'))
  const v1Targets = items(child(root, 'listinfo'))
  const targetItems = nvrTargets.length > 0 ? nvrTargets : v1Targets
  const targets: DetectionTarget[] = targetItems.map((item) => ({
    targetId: num(item, 'targetid'),
    targetType: targetType(text(item, 'targettype') || text(item, 'targetimagedata/targettype')),
    rect: rect(child(item, 'rect')),
  }))
  const vsd = child(root, 'vsd')
  const vsdType = text(vsd, 'targetimagedata/targettype')
  if (targets.length === 0 && vsdType !== '')
    targets.push({ targetId: null, targetType: targetType(vsdType), rect: null })

  const targetId = num(main, 'targetid') ?? targets[0]?.targetId ?? null
  // targets[i] was read from targetItems[i] (the VSD fallback exists only when there are none).
  const matchIndex = targets.findIndex((t) => targetId !== null && t.targetId === targetId)
  const primary = targets[matchIndex] ?? targets[0]

  const boundaryElement = child(main, 'boundary')
  let boundary = boundaryWord(boundaryElement?.text ?? '')
  if (boundary === '' && perimeter !== null) boundary = 'area'
  if (boundary === '' && (tripwire !== null || passLine !== null)) boundary = 'tripwire'
  const region = polygon(child(main, 'pointgroup')) ?? polygon(boundaryElement)
  // The points may sit in a wrapper or directly under the item; an empty wrapper hides nothing.
  const lineElement = childOf(main, ['directionline', 'line', 'lineinfo'])

  const images = collectImages(sites)
  const targetBlocks = [targetItems[matchIndex], ...targetItems].map((item) =>
    child(item, 'targetimagedata'),
  )
  return {
    fields: {
      eventId: num(main, 'eventid'),
      targetId,
      targetType: primary?.targetType ?? '',
      status: text(main, 'status'),
      boundary,
      region,
      line: line(lineElement) ?? line(main),
      rect: rect(child(main, 'rect')) ?? primary?.rect ?? null,
      targets,
    },
    images,
    sourceImage: pickImage(
      images.in(child(root, 'sourcedatainfo')),
      images.in(at(root, 'vsd/sourcedatainfo')),
    ),
    targetImage: pickImage(
      ...targetBlocks.map((block) => images.in(block)),
      images.in(at(root, 'vsd/targetimagedata')),
    ),
    zone: perimeter !== null ? 'perimeter' : tripwire !== null ? 'tripwire' : null,
    main,
  }
}
