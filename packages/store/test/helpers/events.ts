import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEvent, type ViewtronEvent } from '@viewtron/core'
import { type IpcLprOptions, ipcLprPost, ipcPerimeterPost } from '@viewtron/fixtures'
import { expect } from 'vitest'

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'viewtron-store-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Parses a body into an event (images kept in memory), stamped with `receivedAt`. */
export function eventOf(
  body: string,
  receivedAt = new Date(),
  clientIp = '10.0.0.5',
): ViewtronEvent {
  const result = parseEvent(body, { clientIp, receivedAt })
  if (result.kind !== 'event') throw new Error(`not an event: ${result.kind}`)
  return result.event
}

/** An LPR event with real JPEGs (small sizes, to keep tests quick). */
export function lprEvent(
  plate: string,
  receivedAt = new Date(),
  options: IpcLprOptions = {},
  clientIp = '10.0.0.5',
): ViewtronEvent {
  return eventOf(
    ipcLprPost({ plate, images: 'small', header: 'capture', ...options }),
    receivedAt,
    clientIp,
  )
}

/** A perimeter (intrusion) event with real JPEGs. */
export function intrusionEvent(receivedAt = new Date(), clientIp = '10.0.0.6'): ViewtronEvent {
  const device = { name: 'Yard Camera', mac: '58:5b:69:00:00:02', sn: 'I3C000002', ip: clientIp }
  return eventOf(
    ipcPerimeterPost({ images: 'small', header: 'capture', device }),
    receivedAt,
    clientIp,
  )
}

/** Asserts a file is a whole JPEG of `bytes` bytes (SOI at the start, EOI at the end). */
export function expectJpeg(path: string, bytes: number): void {
  const data = readFileSync(path)
  expect(data.length).toBe(bytes)
  expect(data.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
  expect(data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]))
}
