import { LprEvent } from '../event.js'
import type { LprFields, PlateList, VehicleInfo } from '../event-fields.js'
import type { XmlElement } from '../parser/element-tree.js'
import { collectImages, pickImage } from './images.js'
import { commonFields, type PostContext } from './post-context.js'
import { box, child, cornerBox, firstText, items, num, rect, text } from './read.js'

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

/** The plate text of an item in any of its spellings; `''` when absent or empty. */
function plateText(item: XmlElement): string {
  const attr = child(item, 'licenseplateattribute')
  return text(item, 'platenumber') || text(attr, 'licenseplatenumber') || text(attr, 'platenumber')
}

/** The first `PlateConfidence` among `elements` that holds a readable value. */
function firstConfidence(...elements: (XmlElement | null)[]): number | null {
  for (const element of elements) {
    const value = confidence(element)
    if (value !== null) return value
  }
  return null
}

/**
 * Vehicle attributes from the v2 `carAttribute` (`carType`) and the API 2.1 `carAttr` (`type`),
 * field by field from whichever has it; `null` when neither holds any text.
 */
function vehicle(item: XmlElement | null): VehicleInfo | null {
  const v2 = child(item, 'carattribute')
  const v21 = child(item, 'carattr')
  if (v2 === null && v21 === null) return null
  const info: VehicleInfo = {
    type: text(v2, 'cartype') || text(v21, 'type') || text(v21, 'cartype') || text(v2, 'type'),
    color: text(v2, 'color') || text(v21, 'color'),
    brand: text(v2, 'brand') || text(v21, 'brand'),
    model: text(v2, 'model') || text(v21, 'model'),
  }
  return info.type === '' && info.color === '' && info.brand === '' && info.model === ''
    ? null
    : info
}

/**
 * Plate fields from one plate item, looking for the v1 names (`plateNumber`, `vehicleListType`,
 * `PlateConfidence`, `plateColor`, `vehicleDirect`), the API 2.1 ones (`carAttr/*`, `carRect` as
 * origin and size, corner points) and the v2 ones (`licensePlateAttribute/*`,
 * `licensePlateMatchInfo/*`, `carAttribute/*`) in every format, since API 2.1 may mix them.
 */
export function readPlate(item: XmlElement | null): LprFields {
  const attr = child(item, 'licenseplateattribute')
  const match = child(item, 'licenseplatematchinfo')
  const listRaw = firstText(item, 'vehiclelisttype') || text(attr, 'vehiclelisttype')
  return {
    plateNumber: item === null ? '' : plateText(item),
    plateGroup: listRaw || text(match, 'groupname'),
    plateList: PLATE_LISTS.get(listRaw.toLowerCase()) ?? null,
    plateColor: text(item, 'platecolor') || text(attr, 'color') || text(attr, 'platecolor'),
    direction: direction(text(item, 'vehicledirect') || text(attr, 'vehicledirect')),
    confidence: firstConfidence(child(item, 'plateconfidence'), child(attr, 'plateconfidence')),
    carOwner: text(match, 'carowner'),
    vehicle: vehicle(item),
    plateRect: rect(child(item, 'rect')) ?? cornerBox(item),
    carRect: box(child(item, 'carrect')),
    targetId: num(item, 'targetid'),
  }
}

/**
 * The plate item: the first whose plate text is non-empty (API 2.1 cameras put an empty
 * `plateNumber` in the overview item), else the vendor's rule: `item[1]` of a v1 list of two or
 * more, `item[0]` otherwise.
 */
function plateItemOf(list: readonly XmlElement[], nvr: boolean): XmlElement | null {
  for (const item of list) if (plateText(item) !== '') return item
  return (nvr ? list[0] : list.length >= 2 ? list[1] : list[0]) ?? null
}

/** Licence plate events: the NVR `licensePlateListInfo` or the v1 `listInfo` (two-item or single-item). */
export function buildLpr(ctx: PostContext): LprEvent {
  const { root } = ctx
  const nvrList = items(child(root, 'licenseplatelistinfo'))
  const nvr = nvrList.length > 0
  const list = nvr ? nvrList : items(child(root, 'listinfo'))
  const plateItem = plateItemOf(list, nvr)
  // In the v1 layout every other item's "target" image is the overview.
  const overviewBlocks: XmlElement[] = []
  if (!nvr) {
    for (const item of list) {
      const block = item === plateItem ? null : child(item, 'targetimagedata')
      if (block !== null) overviewBlocks.push(block)
    }
  }
  const images = collectImages(
    ctx.sites,
    overviewBlocks.length === 0 ? undefined : new Set(overviewBlocks),
  )
  const sourceImage = pickImage(
    ...overviewBlocks.map((block) => images.in(block)),
    images.in(child(root, 'sourcedatainfo')),
  )
  const targetImage = images.in(child(plateItem, 'targetimagedata'))
  return new LprEvent(
    Object.assign(commonFields(ctx, images, sourceImage, targetImage), readPlate(plateItem)),
  )
}
