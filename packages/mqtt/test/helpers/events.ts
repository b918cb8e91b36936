import { type ParseOptions, parseEvent, type ViewtronEvent } from '@viewtron/core'
import type { IpcDevice } from '@viewtron/fixtures'

/** A camera identity with a MAC, so its camera id is the MAC's hex digits. */
export const GATE: IpcDevice = {
  name: 'Gate',
  mac: '58:5B:69:AA:00:01',
  sn: 'SNGATE1',
  ip: '10.0.0.5',
}

/** Parses a fixture post the way the server does (images kept in memory). */
export function eventOf(body: string, options: ParseOptions = {}): ViewtronEvent {
  const result = parseEvent(body, { images: 'memory', clientIp: '10.0.0.5', ...options })
  if (result.kind !== 'event') throw new Error(`expected an event, got ${result.kind}`)
  return result.event
}
