import { LprEvent, type LprFields, type PlateList } from '../event.js'
import type { XmlElement } from '../parser/element-tree.js'
import { collectImages, pickImage } from './images.js'
import { commonFields, type PostContext } from './post-context.js'
import { at, child, firstText, items, num, rect, text } from './read.js'

const PLATE_LISTS = new Map<string, PlateList>(
  (['whiteList', 'blackList', 'temporaryList', 'strangerList'] as const).map((list) => [
    list.toLowerCase(),
    list,
  ]),
)

function confidence(element: XmlElement | null): number | null {
  if (element === null) return null
  const count = element.attrs.count
  let value: number | null = null
  if (count !== undefined && /^\d+(\.\d+)?$/.test(count.trim())) value = Number(count) / 100
  else {
    const raw = num(element)
    if (raw !== null) value = raw <= 100 ? raw : raw / 100
  }
  return value === null ? null : Math.round(Math.min(100, Math.max(0, value)))
}

function direction(raw: string): 'approach' | 'away' | null {
  const value = raw.toLowerCase()
  if (value === 'approach') return 'approach'
  if (value === 'leave' || value === 'away') return 'away'
  return null
}

function hasPlate(item: XmlElement): boolean {
  return (
    child(item, 'platenumber') !== null ||
    at(item, 'licenseplateattribute/licenseplatenumber') !== null
  )
}

/**
 * Plate fields from one plate item, looking for the v1 names (`plateNumber`, `vehicleListType`,
 * `PlateConfidence`, `plateColor`, `vehicleDirect`) and the v2 ones (`licensePlateAttribute/*`,
 * `licensePlateMatchInfo/*`, `carAttribute/*`) in every format, since API 2.1 may mix them.
 */
export function readPlate(item: XmlElement | null): LprFields {
  const attr = child(item, 'licenseplateattribute')
  const match = child(item, 'licenseplatematchinfo')
  const car = child(item, 'carattribute')
  const listRaw = firstText(item, 'vehiclelisttype') || text(attr, 'vehiclelisttype')
  return {
    plateNumber:
      text(item, 'platenumber') || text(attr, 'licenseplatenumber') || text(attr, 'platenumber'),
    plateGroup: listRaw || text(match, 'groupname'),
    plateList: PLATE_LISTS.get(listRaw.toLowerCase()) ?? null,
    plateColor: text(item, 'platecolor') || text(attr, 'color') || text(attr, 'platecolor'),
    direction: direction(text(item, 'vehicledirect') || text(attr, 'vehicledirect')),
    confidence: confidence(child(item, 'plateconfidence') ?? child(attr, 'plateconfidence')),
    carOwner: text(match, 'carowner'),
    vehicle:
      car === null
        ? null
        : {
            type: text(car, 'cartype'),
            color: text(car, 'color'),
            brand: text(car, 'brand'),
            model: text(car, 'model'),
          },
    plateRect: rect(child(item, 'rect')),
    carRect: rect(child(item, 'carrect')),
    targetId: num(item, 'targetid'),
  }
}

/** Licence plate events: the NVR `licensePlateListInfo` or the v1 `listInfo` (two-item or single-item). */
export function buildLpr(ctx: PostContext): LprEvent {
  const { root } = ctx
  const nvrList = items(child(root, 'licenseplatelistinfo'))
  const v1List = items(child(root, 'listinfo'))
  const list = nvrList.length > 0 ? nvrList : v1List
  const plateItem =
    list.find(hasPlate) ??
    (nvrList.length > 0 ? list[0] : list.length >= 2 ? list[1] : list[0]) ??
    null
  // In the two-item v1 layout the other item's "target" image is the overview.
  const overviewBlock =
    nvrList.length > 0
      ? null
      : (list
          .filter((item) => item !== plateItem)
          .map((item) => child(item, 'targetimagedata'))
          .find((b) => b !== null) ?? null)
  const images = collectImages(
    ctx.sites,
    overviewBlock === null ? undefined : new Set([overviewBlock]),
  )
  const sourceImage = pickImage(images.in(overviewBlock), images.in(child(root, 'sourcedatainfo')))
  const targetImage = images.in(child(plateItem, 'targetimagedata'))
  return new LprEvent(
    Object.assign(commonFields(ctx, images, sourceImage, targetImage), readPlate(plateItem)),
  )
}
