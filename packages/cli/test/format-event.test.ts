import { readFileSync } from 'node:fs'
import { parseEvent, type ViewtronEvent } from '@viewtron/core'
import { fixturePath } from '@viewtron/fixtures'
import { describe, expect, it } from 'vitest'
import { eventRecord } from '../src/event-record.js'
import { formatEvent } from '../src/format-event.js'
import { imageBaseName } from '../src/image-file-name.js'

function eventOf(file: string): ViewtronEvent {
  const result = parseEvent(readFileSync(fixturePath(file)), { clientIp: '10.0.0.7' })
  if (result.kind !== 'event') throw new Error(`${file} is not an event`)
  return result.event
}

/** Drops the clock, which is local time and differs between machines. */
const withoutClock = (line: string): string => line.replace(/^\d\d:\d\d:\d\d\.\d{3} {2}/, '')

describe('formatEvent', () => {
  it.each([
    [
      'nvr-v2/vehicle-group.xml',
      /^Yard NVR ch\d +lpr +License Plate Detection +\w+ \[\w+\] {2}overview 64x48 1 KB, crop 32x16 730 B$/,
    ],
    [
      'nvr-v2/face.xml',
      /^Yard NVR ch\d +face +Face Detection +2 faces \(female, youth\) {2}overview .+, crop 32x32 823 B$/,
    ],
    [
      'ipc-v1/pea-tripwire.xml',
      /^10\.0\.0\.7 +intrusion +Line Crossing \/ Intrusion +tripwire person {2}/,
    ],
    ['nvr-v2/target-counting-by-area.xml', /counting +Target Counting by Area +area car {2}/],
    [
      'ipc-v1/passlinecount-capture.xml',
      /^Gate Camera +counting +Line Crossing Target Count +line person \(12 in, 9 out, 3 inside\) {2}/,
    ],
    ['ipc-v1/traject.xml', /traject +Smart Tracking +person #\d+$/],
    ['quirks/placeholder-images-v2.xml', /overview \(invalid\)/],
  ])('describes %s in one line', (file, pattern) => {
    const line = formatEvent(eventOf(file))
    expect(line).not.toContain('\n')
    expect(withoutClock(line)).toMatch(pattern)
  })

  it('names saved images after time, camera, category and plate', () => {
    const event = eventOf('nvr-v2/vehicle.xml')
    const [overview, crop] = event.images
    if (overview === undefined || crop === undefined) throw new Error('images missing')
    expect(imageBaseName(event, overview, 1)).toMatch(
      /^\d{8}-\d{6}\.\d{3}_Yard-NVR-ch\d_lpr_KLM4821_overview$/,
    )
    expect(imageBaseName(event, crop, 2)).toMatch(/_lpr_KLM4821_crop-2$/)
  })

  it('prints JSON with the saved paths and never image data', () => {
    const event = eventOf('nvr-v2/vehicle.xml')
    const [overview] = event.images
    if (overview === undefined) throw new Error('image missing')
    const record = eventRecord(event, new Map([[overview, '/tmp/x.jpg']]))
    expect(record.images.map((image) => image.path)).toEqual(['/tmp/x.jpg', null])
    expect(record.sourceImage).toMatchObject({ path: '/tmp/x.jpg', valid: true })
    expect(JSON.stringify(record)).not.toMatch(/[A-Za-z0-9+/]{200}/)
  })
})
