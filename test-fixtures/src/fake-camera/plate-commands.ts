import type { XmlElement } from '../xml.js'
import { cdata, el } from '../xml.js'
import { data, failed, type Reply, success } from './camera-replies.js'
import type { FakeCameraPlate } from './fake-camera-types.js'
import { attribute, childElement, childElements, ownText } from './read-xml.js'

/** The plate side of the fake camera. */
export interface PlateState {
  groups: { id: string; name: string }[]
  plates: FakeCameraPlate[]
  maxPlates: number
  maxPageSize: number
  /** A number is refused (203) when it is in any group, not only the one asked for. */
  uniqueNumbers: boolean
  /** The camera's wall clock, `YYYY-MM-DD HH:MM:SS`. */
  now(): string
}

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const FIELDS: Record<string, keyof FakeCameraPlate> = {
  carOwner: 'owner',
  telephone: 'telephone',
  cardNumber: 'cardNumber',
  beginTime: 'beginTime',
  endTime: 'endTime',
}

function find(state: PlateState, number: string, groupId: string): number {
  return state.plates.findIndex((p) => p.number === number && p.groupId === groupId)
}

function hasGroup(state: PlateState, id: string | undefined): boolean {
  return state.groups.some((g) => g.id === id)
}

export function getGroups(state: PlateState): Reply {
  const items = state.groups.map((g) =>
    el('item', null, [el('groupId', null, g.id), el('groupName', null, cdata(g.name))]),
  )
  return data([el('licensePlateGroups', { type: 'list', count: items.length }, items)])
}

/** `GetLicensePlates`: 1-based offset, `total`, at most `maxPageSize` per page, 20 when none. */
export function getPlates(state: PlateState, body: XmlElement): Reply {
  const filter = childElement(body, 'searchFilter')
  const max = Number(ownText(childElement(filter, 'maxResult')))
  const offset = Number(ownText(childElement(filter, 'resultOffset')))
  const groupId = ownText(childElement(filter, 'groupId'))
  if (filter === undefined || groupId === undefined) return failed(15, 'Missing Parameters')
  if (!Number.isInteger(max) || max < 1 || !Number.isInteger(offset) || offset < 1) {
    return failed(16, 'Range Error')
  }
  if (!hasGroup(state, groupId)) return failed(207, 'Group Not Exist')
  const inGroup = state.plates.filter((p) => p.groupId === groupId)
  const page = inGroup.slice(offset - 1, offset - 1 + Math.min(max, state.maxPageSize))
  if (page.length === 0) return failed(20, 'Resources Not Exist')
  const text = (value: string | undefined) => cdata(value ?? '')
  const items = page.map((p) =>
    el('item', null, [
      el('licensePlateNumber', null, text(p.number)),
      el('groupId', null, p.groupId),
      el('beginTime', null, text(p.beginTime)),
      el('endTime', null, text(p.endTime)),
      el('carOwner', null, text(p.owner)),
      el('telephone', null, text(p.telephone)),
      el('cardNumber', null, text(p.cardNumber)),
    ]),
  )
  const attrs = { type: 'list', total: inGroup.length, count: items.length }
  return data([el('licensePlates', attrs, items)])
}

/** `AddLicensePlates`: number and group only, a code per item (203 exists, 202 full, 207). */
export function addPlates(state: PlateState, body: XmlElement): Reply {
  const list = childElement(body, 'licensePlates')
  const items = childElements(list, 'item')
  if (list === undefined || items.length === 0) return failed(15, 'Missing Parameters')
  if (items.length > 100) return failed(19, 'Over Specifications')
  const replies = items.map((item, i) => {
    const index = ownText(childElement(item, 'index')) ?? String(i + 1)
    const number = ownText(childElement(item, 'licensePlateNumber')) ?? ''
    const groupId = ownText(childElement(item, 'groupId'))
    let code = 0
    if (number === '' || groupId === undefined) code = 15
    else if (!hasGroup(state, groupId)) code = 207
    else if (find(state, number, groupId) !== -1) code = 203
    else if (state.uniqueNumbers && state.plates.some((p) => p.number === number)) code = 203
    else if (state.plates.length >= state.maxPlates) code = 202
    else {
      // The camera dates a new plate itself: valid from now, until far ahead.
      state.plates.push({ number, groupId, beginTime: state.now(), endTime: '2037-12-31 23:59:59' })
    }
    return el('item', null, [el('index', null, index), el('errorCode', null, code)])
  })
  return data([el('licensePlatesReply', { type: 'list', count: replies.length }, replies)])
}

/** `ModifyLicensePlate`: each changed field must carry `type="string"`, or code 16. */
export function modifyPlate(state: PlateState, body: XmlElement): Reply {
  const plate = childElement(body, 'licensePlate')
  const number = ownText(childElement(plate, 'licensePlateNumber'))
  const groupId = ownText(childElement(plate, 'groupId'))
  if (plate === undefined || number === undefined || groupId === undefined) {
    return failed(15, 'Missing Parameters')
  }
  const changes: Partial<FakeCameraPlate> = {}
  for (const field of plate.children) {
    if (field.type !== 'element' || field.name === 'licensePlateNumber' || field.name === 'groupId')
      continue
    const key = FIELDS[field.name]
    const value = ownText(field) ?? ''
    if (key === undefined || attribute(field, 'type') !== 'string') return failed(16, 'Range Error')
    if ((key === 'beginTime' || key === 'endTime') && !TIME.test(value)) {
      return failed(16, 'Range Error')
    }
    Object.assign(changes, { [key]: value })
  }
  if (!hasGroup(state, groupId)) return failed(207, 'Group Not Exist')
  const at = find(state, number, groupId)
  if (at === -1) return failed(204, 'Plate Not Exist')
  state.plates[at] = { ...(state.plates[at] as FakeCameraPlate), ...changes }
  return success()
}

/** `DeleteLicensePlate`: 204 when the plate is not in that group. */
export function deletePlate(state: PlateState, body: XmlElement): Reply {
  const action = childElement(body, 'deleteAction')
  const number = ownText(childElement(action, 'licensePlateNumber'))
  const groupId = ownText(childElement(action, 'groupId'))
  if (number === undefined || groupId === undefined) return failed(15, 'Missing Parameters')
  const at = find(state, number, groupId)
  if (at === -1) return failed(204, 'Plate Not Exist')
  state.plates.splice(at, 1)
  return success()
}
