import { CameraMalformedReplyError } from './camera-error.js'
import { type CameraTimeZone, cameraTimeText } from './camera-time.js'
import type { PlateGroup } from './plate-groups.js'
import type { CameraPlate, PlateDetails } from './plate-types.js'
import { at, childrenNamed, textAt, type XmlNode } from './xml-reader.js'
import { cdataElement, element } from './xml-writer.js'

/** The body of one `GetLicensePlates` page (`offset` is 1-based). */
export function searchBody(groupId: string, maxResult: number, offset: number): string {
  return element(
    'searchFilter',
    element('maxResult', maxResult) +
      element('resultOffset', offset) +
      cdataElement('groupId', groupId),
  )
}

/** One page of a `GetLicensePlates` reply: its plates and the `total` it announces. */
export function readPlatePage(
  config: XmlNode,
  groups: readonly PlateGroup[],
  requested: PlateGroup,
): { plates: CameraPlate[]; total: number | null } {
  const list = at(config, 'licensePlates')
  if (list === undefined) {
    throw new CameraMalformedReplyError({
      command: 'GetLicensePlates',
      description: 'the reply has no <licensePlates>',
    })
  }
  const total = Number(list.attrs.total)
  const plates = childrenNamed(list, 'item').map((item): CameraPlate => {
    const text = (name: string): string => textAt(item, name) ?? ''
    const groupId = text('groupId')
    return {
      number: text('licensePlateNumber'),
      group: groups.find((g) => g.id === groupId) ?? requested,
      owner: text('carOwner'),
      telephone: text('telephone'),
      cardNumber: text('cardNumber'),
      beginTime: text('beginTime'),
      endTime: text('endTime'),
    }
  })
  return { plates, total: list.attrs.total === undefined || !Number.isFinite(total) ? null : total }
}

/** The `AddLicensePlates` body for up to 100 plates (index 1…n). */
export function addBody(plates: readonly { number: string; group: PlateGroup }[]): string {
  const items = plates
    .map((plate, i) =>
      element(
        'item',
        element('index', i + 1) +
          cdataElement('licensePlateNumber', plate.number) +
          cdataElement('groupId', plate.group.id),
      ),
    )
    .join('')
  return element('licensePlates', items, ` type="list" maxCount="100" count="${plates.length}"`)
}

/** Per-item codes of an `AddLicensePlates` reply, by index; `null` when it sent none. */
export function readAddReply(config: XmlNode): Map<number, number> | null {
  const reply = at(config, 'licensePlatesReply')
  if (reply === undefined) return null
  const codes = new Map<number, number>()
  for (const item of childrenNamed(reply, 'item')) {
    const index = Number(textAt(item, 'index'))
    const code = Number(textAt(item, 'errorCode') ?? '0')
    if (Number.isInteger(index)) codes.set(index, Number.isFinite(code) ? code : -1)
  }
  return codes
}

/** Details in the camera's field names and text, in the order the camera documents. */
export function detailTexts(
  details: PlateDetails,
  zone: CameraTimeZone | null,
): [string, string][] {
  const fields: [string, string][] = []
  if (details.owner !== undefined) fields.push(['carOwner', details.owner])
  if (details.telephone !== undefined) fields.push(['telephone', details.telephone])
  if (details.cardNumber !== undefined) fields.push(['cardNumber', details.cardNumber])
  if (details.begin !== undefined) fields.push(['beginTime', cameraTimeText(details.begin, zone)])
  if (details.end !== undefined) fields.push(['endTime', cameraTimeText(details.end, zone)])
  return fields
}

/** The `ModifyLicensePlate` body: every changed field carries `type="string"` (else code 16). */
export function modifyBody(number: string, group: PlateGroup, fields: [string, string][]): string {
  const changed = fields.map(([name, value]) => cdataElement(name, value, ' type="string"'))
  return element(
    'licensePlate',
    cdataElement('licensePlateNumber', number) +
      cdataElement('groupId', group.id) +
      changed.join(''),
  )
}

/** The `DeleteLicensePlate` body. */
export function deleteBody(number: string, group: PlateGroup): string {
  return element(
    'deleteAction',
    cdataElement('licensePlateNumber', number) + cdataElement('groupId', group.id),
  )
}
