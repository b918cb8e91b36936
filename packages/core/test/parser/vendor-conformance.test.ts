import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type ParseResult,
  parseEvent,
  parseEventStream,
  type ViewtronEvent,
} from '../../src/index.js'
import { hasVendorSamples, VENDOR_SAMPLES } from '../helpers/vendor-samples.js'

const read = (name: string): Buffer => readFileSync(join(VENDOR_SAMPLES, name))

function event(result: ParseResult): ViewtronEvent {
  if (result.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`)
  return result.event
}

const NVR_DEVICE = { name: 'Device Name', ip: '192.168.0.60', mac: '58:5B:69:40:F4:0D', sn: '' }
const NO_DEVICE = { name: '', ip: '', mac: '', sn: '', channelId: null }
const iso = (micros: string): string => new Date(Number(BigInt(micros) / 1000n)).toISOString()

describe.skipIf(!hasVendorSamples)('vendor samples (../shared/viewtron-samples)', () => {
  it('ipc-v1x/lpr.xml is a v1 LPR event with the two-item list rules', () => {
    const e = event(parseEvent(read('ipc-v1x/lpr.xml')))
    expect(e.category).toBe('lpr')
    if (e.category !== 'lpr') return
    expect(e).toMatchObject({
      alarmType: 'VEHICE',
      alarmDescription: 'License Plate Detection',
      source: 'ipc',
      format: 'v1',
      configVersion: '1.7',
      device: NO_DEVICE,
      plateNumber: 'ABC1234',
      plateGroup: 'whiteList',
      plateList: 'whiteList',
      rawTime: '1732045234584193',
    })
    expect(e.time?.toISOString()).toBe(iso('1732045234584193'))
    expect(e.getPlateNumber()).toBe('ABC1234')
    expect(e.getPlateGroup()).toBe('whiteList')
    // item[0] is the overview, item[1] the plate crop; sourceDataInfo is a third image.
    expect(e.images.map((i) => [i.role, i.width, i.height])).toEqual([
      ['source', 1920, 1080],
      ['target', 150, 50],
      ['source', 1920, 1080],
    ])
    expect(e.sourceImage).toBe(e.images[0])
    expect(e.targetImage).toBe(e.images[1])
    expect(e.targetImage?.declaredLength).toBe(3200)
    // Placeholders: present, not valid, no bytes.
    expect(e.images.every((i) => !i.valid && i.bytes() === null)).toBe(true)
    expect(e.getSourceImageBytes()).toBeNull()
  })

  it('ipc-v1x/face-detection.xml is a v1 face with no attributes', () => {
    const e = event(parseEvent(read('ipc-v1x/face-detection.xml')))
    if (e.category !== 'face') throw new Error(e.category)
    expect(e.alarmDescription).toBe('Face Detection')
    expect(e.faces).toEqual([
      {
        targetId: 15,
        rect: { x1: 4200, y1: 1500, x2: 5800, y2: 4200 },
        age: '',
        sex: '',
        glasses: '',
        mask: '',
      },
    ])
    expect(e.face).toEqual(e.faces[0])
    expect(e.sourceImage?.width).toBe(1920)
    expect(e.targetImage).toMatchObject({
      role: 'target',
      width: 200,
      height: 200,
      declaredLength: 18000,
    })
    expect(e.getPlateNumber()).toBe('')
  })

  it('ipc-v1x/perimeter-intrusion.xml is a PEA perimeter intrusion with its zone', () => {
    const e = event(parseEvent(read('ipc-v1x/perimeter-intrusion.xml')))
    if (e.category !== 'intrusion') throw new Error(e.category)
    expect(e).toMatchObject({
      alarmType: 'PEA',
      alarmDescription: 'Line Crossing / Intrusion',
      subtype: 'perimeter',
      eventId: 220,
      targetId: 20,
      targetType: 'person',
      status: 'SMART_START',
      boundary: 'area',
      rect: { x1: 113, y1: 0, x2: 5511, y2: 8472 },
      line: null,
    })
    expect(e.region).toEqual([
      { x: 1625, y: 2133 },
      { x: 1725, y: 8800 },
      { x: 7900, y: 8900 },
      { x: 7800, y: 2200 },
    ])
    expect(e.time?.toISOString()).toBe(iso('1563528106584193'))
  })

  it('ipc-v1x/line-crossing.xml is a PEA tripwire with its line', () => {
    const e = event(parseEvent(read('ipc-v1x/line-crossing.xml')))
    if (e.category !== 'intrusion') throw new Error(e.category)
    expect(e).toMatchObject({
      subtype: 'tripwire',
      eventId: 320,
      targetId: 30,
      boundary: 'tripwire',
      status: 'SMART_START',
      line: { start: { x: 5000, y: 1000 }, end: { x: 5000, y: 9000 } },
      region: null,
    })
    expect(e.targets).toEqual([
      { targetId: 30, targetType: 'person', rect: { x1: 3200, y1: 2100, x2: 4800, y2: 8500 } },
    ])
    expect(e.targetImage?.width).toBe(960)
  })

  it('ipc-v1x zone entry and exit are intrusions with their subtypes', () => {
    const entry = event(parseEvent(read('ipc-v1x/zone-entry.xml')))
    const exit = event(parseEvent(read('ipc-v1x/zone-exit.xml')))
    expect(entry).toMatchObject({
      category: 'intrusion',
      subtype: 'entry',
      alarmDescription: 'Intrusion Zone Entry',
      targetId: 40,
    })
    expect(exit).toMatchObject({
      category: 'intrusion',
      subtype: 'exit',
      alarmDescription: 'Intrusion Zone Exit',
      targetId: 45,
      targetType: 'car',
    })
  })

  it('ipc-v1x/video-metadata.xml reads its images from the vsd wrapper', () => {
    const e = event(parseEvent(read('ipc-v1x/video-metadata.xml')))
    if (e.category !== 'metadata') throw new Error(e.category)
    expect(e.alarmDescription).toBe('Video Metadata')
    expect(e.targetType).toBe('person')
    expect(e.sourceImage).toMatchObject({
      role: 'source',
      width: 1920,
      height: 1080,
      declaredLength: 200000,
    })
    expect(e.targetImage).toMatchObject({
      role: 'target',
      width: 400,
      height: 600,
      declaredLength: 50000,
    })
  })

  it('ipc-v1x/alarm-status.xml is a v1 alarm status with a 12-hour dataTime', () => {
    const result = parseEvent(read('ipc-v1x/alarm-status.xml'))
    if (result.kind !== 'alarmStatus') throw new Error(result.kind)
    expect(result.status).toMatchObject({
      source: 'ipc',
      format: 'v1',
      configVersion: '1.7',
      device: {
        name: 'Viewtron IPC',
        ip: '192.168.1.57',
        mac: '58:5b:69:5a:84:bb',
        sn: 'I84BB0A8D59C',
        channelId: null,
      },
      alarms: [{ name: 'vehiceAlarm', active: true, value: 'true', id: '1' }],
      rawTime: '11-19-2025 12:15:11 PM',
    })
    const t = result.status.time
    expect([t?.getFullYear(), t?.getMonth(), t?.getDate(), t?.getHours(), t?.getMinutes()]).toEqual(
      [2025, 10, 19, 12, 15],
    )
  })

  it('ipc-v1x/keepalive.xml is a DeviceInfo keepalive', () => {
    const result = parseEvent(read('ipc-v1x/keepalive.xml'))
    if (result.kind !== 'keepalive') throw new Error(result.kind)
    expect(result.keepalive.form).toBe('deviceInfo')
    expect(result.device).toEqual({
      name: 'Device Name',
      ip: '192.168.1.192',
      mac: '58:5b:69:5a:84:bb',
      sn: 'NF40D099BCM0',
      channelId: null,
    })
  })

  it('nvr-v2/vehicle-lpr.xml is an NVR plate event with vehicle attributes', () => {
    const e = event(parseEvent(read('nvr-v2/vehicle-lpr.xml')))
    if (e.category !== 'lpr') throw new Error(e.category)
    expect(e).toMatchObject({
      alarmType: 'vehicle',
      alarmDescription: 'License Plate Detection',
      source: 'nvr',
      format: 'v2',
      configVersion: '2.0.0',
      device: { ...NVR_DEVICE, channelId: 2 },
      plateNumber: 'JP116D',
      plateGroup: '',
      plateList: null,
      plateColor: 'white',
      carOwner: '',
      vehicle: { type: 'mpv', color: 'white', brand: 'GMC', model: 'GMC_SAVANA' },
      plateRect: { x1: 1104, y1: 546, x2: 1232, y2: 610 },
      carRect: { x1: 1, y1: 0, x2: 1, y2: 0 },
      targetId: 104,
    })
    // The NVR sends 0×0 for the overview; a zero dimension is never reported.
    expect(e.sourceImage).toMatchObject({
      role: 'source',
      width: null,
      height: null,
      declaredLength: 483768,
    })
    expect(e.targetImage).toMatchObject({
      role: 'target',
      width: 128,
      height: 64,
      declaredLength: 2760,
    })
    expect(e.time?.toISOString()).toBe(iso('1772210268473000'))
  })

  it('nvr-v2/face-detection.xml carries face attributes', () => {
    const e = event(parseEvent(read('nvr-v2/face-detection.xml')))
    if (e.category !== 'face') throw new Error(e.category)
    expect(e.alarmType).toBe('videoFaceDetect')
    expect(e.device).toEqual({
      name: 'Office',
      ip: '192.168.0.50',
      mac: '58:5B:69:12:F0:79',
      sn: '',
      channelId: 1,
    })
    expect(e.face).toEqual({
      targetId: 50,
      rect: { x1: 854, y1: 176, x2: 978, y2: 300 },
      age: 'middleAged',
      sex: 'male',
      glasses: 'unknown',
      mask: 'unknown',
    })
    expect(e.targetImage?.width).toBe(184)
  })

  it.each([
    [
      'nvr-v2/region-intrusion.xml',
      'intrusion',
      'perimeter',
      'Perimeter Intrusion',
      916,
      716,
      'area',
    ],
    ['nvr-v2/line-crossing.xml', 'intrusion', 'tripwire', 'Line Crossing', 1409, 1309, 'tripwire'],
    [
      'nvr-v2/target-counting-by-line.xml',
      'counting',
      'line',
      'Target Counting by Line',
      1080,
      480,
      'tripwire',
    ],
    [
      'nvr-v2/target-counting-by-area.xml',
      'counting',
      'area',
      'Target Counting by Area',
      2904,
      2204,
      'area',
    ],
  ])('%s is %s/%s', (file, category, subtype, description, eventId, targetId, boundary) => {
    const e = event(parseEvent(read(file)))
    expect(e).toMatchObject({
      category,
      subtype,
      alarmDescription: description,
      eventId,
      targetId,
      boundary,
      targetType: 'person',
      status: '',
      source: 'nvr',
      device: { ...NVR_DEVICE, channelId: 1 },
    })
    if (e.category === 'intrusion' || e.category === 'counting') {
      if (boundary === 'area') expect(e.region?.length).toBe(4)
      else expect(e.line).not.toBeNull()
      expect(e.targets).toEqual([{ targetId, targetType: 'person', rect: null }])
    }
    expect(e.sourceImage?.role).toBe('source')
    expect(e.targetImage?.role).toBe('target')
  })

  it('nvr-v2/video-metadata.xml is metadata covering the frame', () => {
    const e = event(parseEvent(read('nvr-v2/video-metadata.xml')))
    if (e.category !== 'metadata') throw new Error(e.category)
    expect(e).toMatchObject({
      eventId: 3215,
      targetId: 2215,
      boundary: 'area',
      targetType: 'person',
    })
    expect(e.region?.[2]).toEqual({ x: 9904, y: 9873 })
    expect(e.sourceImage?.height).toBe(784)
  })

  it('nvr-v2/alarm-status.xml is one alarm state; the commented-out documents are ignored', () => {
    const result = parseEvent(read('nvr-v2/alarm-status.xml'))
    if (result.kind !== 'alarmStatus') throw new Error(result.kind)
    expect(result.status.alarms).toEqual([
      { name: 'perimeterAlarm', active: true, value: 'true', id: '1' },
    ])
    expect(result.status.source).toBe('nvr')
    expect(result.status.device.channelId).toBe(1)
    expect(result.status.time?.toISOString()).toBe(iso('1772056914000000'))
  })

  it('nvr-v2/keepalive.xml is a messageType keepalive without a channel', () => {
    const result = parseEvent(read('nvr-v2/keepalive.xml'))
    if (result.kind !== 'keepalive') throw new Error(result.kind)
    expect(result.keepalive).toMatchObject({ form: 'messageType', source: 'nvr', format: 'v2' })
    expect(result.device.channelId).toBeNull()
  })

  it('every sample gives the same result streamed one byte at a time', async () => {
    const files = [
      'ipc-v1x/lpr.xml',
      'ipc-v1x/perimeter-intrusion.xml',
      'nvr-v2/alarm-status.xml',
      'nvr-v2/vehicle-lpr.xml',
      'nvr-v2/face-detection.xml',
    ]
    for (const file of files) {
      const body = read(file)
      const receivedAt = new Date(0)
      const whole = parseEvent(body, { receivedAt })
      const bytes = (async function* () {
        for (let i = 0; i < body.length; i++) yield body.subarray(i, i + 1)
      })()
      const streamed = await parseEventStream(bytes, { receivedAt })
      expect(JSON.stringify(streamed), file).toBe(JSON.stringify(whole))
    }
  })
})
