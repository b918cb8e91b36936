import type { ViewtronEvent } from '@viewtron/core'
import { describe, expect, it } from 'vitest'
import { byCamera, byPlateGroup, pipe, withImages } from '../src/index.js'
import { face, image, intrusion, lpr, traject } from './support/events.js'
import { collect, fromValues } from './support/sources.js'

const cameras = (): ViewtronEvent[] => [
  lpr({
    clientIp: '10.0.0.1',
    device: { name: 'Gate', mac: '78-24-AF-44-89-01', channelId: null },
  }),
  face({ clientIp: '10.0.0.2', device: { name: 'Lobby', mac: '78:24:af:44:89:02' } }),
  intrusion({ clientIp: '10.0.0.9', device: { name: 'NVR', mac: '7824AF448909', channelId: 3 } }),
  intrusion({ clientIp: '10.0.0.9', device: { name: 'NVR', mac: '7824AF448909', channelId: 4 } }),
]

const ips = (events: ViewtronEvent[]) =>
  events.map((e) => `${e.clientIp}/${e.device.channelId ?? '-'}`)

describe('byCamera', () => {
  it('matches a string against the client IP or the device name', async () => {
    expect(ips(await collect(pipe(fromValues(cameras()), byCamera('10.0.0.2'))))).toEqual([
      '10.0.0.2/-',
    ])
    expect(ips(await collect(pipe(fromValues(cameras()), byCamera('Gate'))))).toEqual([
      '10.0.0.1/-',
    ])
  })

  it('requires every field of an object match', async () => {
    const out = await collect(
      pipe(fromValues(cameras()), byCamera({ ip: '10.0.0.9', channelId: 4 })),
    )
    expect(ips(out)).toEqual(['10.0.0.9/4'])
    const none = await collect(
      pipe(fromValues(cameras()), byCamera({ ip: '10.0.0.9', name: 'Gate' })),
    )
    expect(none).toEqual([])
  })

  it('compares MACs ignoring case and : or - separators', async () => {
    const out = await collect(
      pipe(
        fromValues(cameras()),
        byCamera(
          { mac: '78:24:af:44:89:01' },
          { mac: '78-24-AF-44-89-02' },
          { mac: '78:24:af:44:89:09' },
        ),
      ),
    )
    expect(ips(out)).toEqual(['10.0.0.1/-', '10.0.0.2/-', '10.0.0.9/3', '10.0.0.9/4'])
  })

  it('matches channelId null for events a camera posts itself', async () => {
    const out = await collect(pipe(fromValues(cameras()), byCamera({ channelId: null })))
    expect(ips(out)).toEqual(['10.0.0.1/-', '10.0.0.2/-'])
  })

  it('returns the source when the consumer stops early', async () => {
    const source = fromValues(cameras())
    for await (const _ of pipe(source, byCamera('NVR'))) break
    expect(source.stats.pulls).toBe(3)
    expect(source.stats.returns).toBe(1)
  })

  it('rejects matches that could never be meant', () => {
    expect(() => byCamera('')).toThrow(TypeError)
    expect(() => byCamera({})).toThrow(/at least one of ip, name, mac, channelId/)
    expect(() => byCamera({ mac: ':-' })).toThrow(/match.mac must not be empty/)
    expect(() => byCamera({ ip: 1 as unknown as string })).toThrow(/match.ip must be a string/)
    expect(() => byCamera({ channelId: 1.5 })).toThrow(/channelId must be an integer/)
  })
})

describe('byPlateGroup', () => {
  const plates = (): ViewtronEvent[] => [
    lpr({ plateNumber: 'W1', plateGroup: 'whiteList' }),
    face(),
    lpr({ plateNumber: 'B1', plateGroup: 'blackList' }),
    lpr({ plateNumber: 'N1', plateGroup: '' }),
    lpr({ plateNumber: 'V1', plateGroup: 'VIP' }),
  ]

  it('keeps LPR events of the given groups, in order', async () => {
    const out = await collect(pipe(fromValues(plates()), byPlateGroup('VIP', 'blackList')))
    expect(out.map((e) => e.plateNumber)).toEqual(['B1', 'V1'])
  })

  it("selects plates in no list with ''", async () => {
    const out = await collect(pipe(fromValues(plates()), byPlateGroup('')))
    expect(out.map((e) => e.plateNumber)).toEqual(['N1'])
  })

  it('compares group names exactly', async () => {
    expect(await collect(pipe(fromValues(plates()), byPlateGroup('whitelist')))).toEqual([])
  })

  it('requires string groups', () => {
    expect(() => (byPlateGroup as (...g: string[]) => unknown)()).toThrow(TypeError)
    expect(() => byPlateGroup(7 as unknown as string)).toThrow(/groups must be strings/)
  })
})

describe('withImages', () => {
  it('keeps events with at least one valid image', async () => {
    const events = [
      lpr({ plateNumber: 'P1', images: [image(false)] }),
      lpr({ plateNumber: 'P2', images: [image(false), image(true)] }),
      traject(),
      face({ images: [image(true)] }),
      intrusion(),
    ]
    const out = await collect(pipe(fromValues(events), withImages()))
    expect(out.map((e) => (e.category === 'lpr' ? e.plateNumber : e.category))).toEqual([
      'P2',
      'face',
    ])
  })

  it('returns the source when the consumer stops early', async () => {
    const source = fromValues([face({ images: [image(true)] }), face({ images: [image(true)] })])
    for await (const _ of pipe(source, withImages())) break
    expect(source.stats.returns).toBe(1)
  })
})
