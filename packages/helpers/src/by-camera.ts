import { normalizeMac, type ViewtronEvent } from '@viewtron/core'
import { requireObject } from './internal/validate.js'
import type { FilterStage } from './types.js'

/**
 * Which camera an event must come from. A string matches the client IP (`event.clientIp`) or the
 * device name (`event.device.name`). In an object every given field must match.
 */
export type CameraMatch =
  | string
  | {
      /** The socket peer, `event.clientIp` (for an NVR, the recorder's IP). */
      ip?: string
      /** The device name, `event.device.name`. */
      name?: string
      /** The device MAC, compared as `normalizeMac` keys it (case and separators ignored). */
      mac?: string
      /** The NVR channel, `event.device.channelId` (`null` for events a camera posts itself). */
      channelId?: number | null
    }

/**
 * Keeps the events from the given camera(s); with several matches an event passes if any matches.
 *
 * @throws TypeError for an empty string, an object with no field, or a MAC with no digits.
 * @example
 * ```ts
 * const gate = pipe(server.events(), byCamera({ ip: '192.168.1.20', channelId: 3 }))
 * const yard = pipe(server.events(), byCamera('Yard-East', { mac: 'AA-BB-CC-00-11-22' }))
 * ```
 */
export function byCamera(...matches: [CameraMatch, ...CameraMatch[]]): FilterStage<ViewtronEvent> {
  if (matches.length === 0) throw new TypeError('byCamera: give at least one camera match')
  const tests = matches.map(compile)
  return async function* byCameraStage<E extends ViewtronEvent>(source: AsyncIterable<E>) {
    for await (const event of source) {
      if (tests.some((test) => test(event))) yield event
    }
  }
}

function compile(match: CameraMatch): (event: ViewtronEvent) => boolean {
  if (typeof match === 'string') {
    if (match === '') throw new TypeError('byCamera: match must not be an empty string')
    return (event) => event.clientIp === match || event.device.name === match
  }
  requireObject('byCamera', 'match', match)
  const { ip, name, mac, channelId } = match
  if (ip === undefined && name === undefined && mac === undefined && channelId === undefined) {
    throw new TypeError('byCamera: match must give at least one of ip, name, mac, channelId')
  }
  for (const [key, value] of Object.entries({ ip, name, mac })) {
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`byCamera: match.${key} must be a string`)
    }
  }
  if (channelId !== undefined && channelId !== null && !Number.isInteger(channelId)) {
    throw new TypeError('byCamera: match.channelId must be an integer or null')
  }
  // Separators alone (`:-`) are as empty as '': no MAC is meant.
  if (mac !== undefined && !/[^:\-.\s]/.test(mac)) {
    throw new TypeError('byCamera: match.mac must not be empty')
  }
  const wantedMac = mac === undefined ? undefined : normalizeMac(mac)
  return (event) =>
    (ip === undefined || event.clientIp === ip) &&
    (name === undefined || event.device.name === name) &&
    (wantedMac === undefined || normalizeMac(event.device.mac) === wantedMac) &&
    (channelId === undefined || event.device.channelId === channelId)
}
