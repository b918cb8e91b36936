import { afterEach, describe, expect, it } from 'vitest'
import { CameraFailureError } from '../src/index.js'
import { cameraUnderTest, closeAll, collect } from './helpers/camera-under-test.js'

afterEach(closeAll)

describe('plates.add', () => {
  it('reports each plate: added, unchanged (203) or failed with code and reason', async () => {
    const { camera, cam } = await cameraUnderTest({
      plates: [{ number: 'OLD1', groupId: '2' }],
      maxPlates: 3,
    })
    const results = await cam.plates.add([
      { number: 'NEW1', group: 'allow' },
      { number: 'OLD1', group: 'allow' },
      { number: 'NEW2', group: 'block' },
      { number: 'NEW3', group: 'allow' },
    ])
    expect(results.map((r) => [r.number, r.group.name, r.status, r.code])).toEqual([
      ['NEW1', 'whiteList', 'added', null],
      ['OLD1', 'whiteList', 'unchanged', null],
      ['NEW2', 'blackList', 'added', null],
      ['NEW3', 'whiteList', 'failed', 202],
    ])
    expect(results[3]?.description).toBe('Plate library full')
    expect(results[3]?.error).toBeInstanceOf(CameraFailureError)
    expect(camera.writes()).toHaveLength(1)
  })

  it('a refused batch fails each of its plates; refused details fail at the modify step', async () => {
    const { camera, cam } = await cameraUnderTest()
    camera.fault({
      kind: 'reply',
      command: 'AddLicensePlates',
      body: '<config status="failed" errorCode="7" errorDesc="System Busy"/>',
      times: 1,
    })
    const busy = await cam.plates.add([
      { number: 'B1', group: 'allow' },
      { number: 'B2', group: 'allow' },
    ])
    expect(busy.map((r) => [r.status, r.step, r.code, r.description])).toEqual([
      ['failed', 'add', 7, 'System Busy'],
      ['failed', 'add', 7, 'System Busy'],
    ])
    camera.fault({
      kind: 'reply',
      command: 'ModifyLicensePlate',
      body: '<config status="failed" errorCode="16" errorDesc="Range Error"/>',
      times: 1,
    })
    const [details] = await cam.plates.add([{ number: 'D1', group: 'allow', owner: 'X' }])
    expect(details).toMatchObject({ status: 'failed', step: 'modify', code: 16 })
    expect(camera.plates().map((p) => p.number)).toEqual(['D1'])
  })

  it('sends at most 100 plates per request', async () => {
    const { camera, cam } = await cameraUnderTest()
    const plates = Array.from({ length: 250 }, (_, i) => ({
      number: `P${i}`,
      group: 'allow' as const,
    }))
    const results = await cam.plates.add(plates)
    expect(results.every((r) => r.status === 'added')).toBe(true)
    const counts = camera.writes().map((w) => w.body.match(/<item>/g)?.length)
    expect(counts).toEqual([100, 100, 50])
    expect(camera.plates()).toHaveLength(250)
  })

  it('a visitor pass: added, then its details and dates set in the camera’s zone', async () => {
    const { camera, cam } = await cameraUnderTest({ timeZone: 'EST5EDT' })
    const [result] = await cam.plates.add([
      {
        number: 'VIS 42',
        group: 'temporary',
        owner: 'Plumber for flat 4',
        telephone: '+1 555 0100',
        begin: new Date('2026-07-04T13:00:00Z'), // summer: UTC-4
        end: new Date('2026-12-24T23:30:00Z'), // winter: UTC-5
      },
    ])
    expect(result?.status).toBe('added')
    expect(camera.writes().map((w) => w.command)).toEqual([
      'AddLicensePlates',
      'ModifyLicensePlate',
    ])
    // Add carries only number and group; the modify marks every field type="string".
    expect(camera.writes()[0]?.body).not.toContain('carOwner')
    expect(camera.writes()[1]?.body).toContain(
      '<endTime type="string"><![CDATA[2026-12-24 18:30:00]]></endTime>',
    )
    const [stored] = await collect(cam.plates.list({ group: 'temporary' }))
    expect(stored).toMatchObject({
      number: 'VIS 42',
      owner: 'Plumber for flat 4',
      telephone: '+1 555 0100',
      beginTime: '2026-07-04 09:00:00',
      endTime: '2026-12-24 18:30:00',
    })
    expect(camera.requests.filter((r) => r.command === 'GetDateAndTime')).toHaveLength(1)
  })

  it('writes dates in a zone east of UTC (CST-8), or the timeZone option without asking', async () => {
    const east = await cameraUnderTest({ timeZone: 'CST-8' })
    await east.cam.plates.add([
      { number: 'E1', group: 'allow', end: new Date('2026-03-01T20:00:00Z') },
    ])
    expect(east.camera.plates()[0]?.endTime).toBe('2026-03-02 04:00:00')
    const given = await cameraUnderTest({ timeZone: 'CST-8' }, { timeZone: 'Europe/Paris' })
    await given.cam.plates.add([
      { number: 'E2', group: 'allow', end: new Date('2026-03-01T20:00:00Z') },
    ])
    expect(given.camera.plates()[0]?.endTime).toBe('2026-03-01 21:00:00')
    expect(given.camera.requests.map((r) => r.command)).not.toContain('GetDateAndTime')
  })

  it('odd plate text round-trips unchanged: ]]>, &, <, quotes, non-ASCII', async () => {
    const { cam } = await cameraUnderTest()
    const odd = ['AB]]>12', 'A&B<C>', 'Ö-ÄÜ 京A·12345', '"Q\'1"', 'X]]]]>Y', '🚗42']
    const results = await cam.plates.add(
      odd.map((number) => ({ number, group: 'allow' as const, owner: `owner ${number}` })),
    )
    expect(results.map((r) => r.status)).toEqual(odd.map(() => 'added'))
    const listed = await collect(cam.plates.list({ group: 'allow' }))
    expect(listed.map((p) => p.number)).toEqual(odd)
    expect(listed.map((p) => p.owner)).toEqual(odd.map((n) => `owner ${n}`))
    for (const number of odd) {
      expect(await cam.plates.remove(number, 'allow')).toMatchObject({ removed: true })
    }
  })

  it('refuses text XML cannot carry before any request', async () => {
    const { camera, cam } = await cameraUnderTest()
    await expect(cam.plates.add([{ number: 'A\u0001B', group: 'allow' }])).rejects.toThrow(
      RangeError,
    )
    await expect(cam.plates.add([{ number: ' A1', group: 'allow' }])).rejects.toThrow(RangeError)
    await expect(
      cam.plates.add([{ number: 'A1', group: 'allow', end: '24/12/2026' }]),
    ).rejects.toThrow(RangeError)
    expect(camera.requests).toEqual([])
  })
})

describe('plates.modify and plates.remove', () => {
  it('modify changes only the fields given; 204 when the plate is not there', async () => {
    const { camera, cam } = await cameraUnderTest({
      plates: [{ number: 'M1', groupId: '2', owner: 'A', telephone: '1' }],
    })
    await cam.plates.modify('M1', 'allow', { owner: 'B', end: '2027-01-01' })
    expect(camera.plates()[0]).toMatchObject({
      owner: 'B',
      telephone: '1',
      endTime: '2027-01-01 00:00:00',
    })
    await expect(cam.plates.modify('M1', 'block', { owner: 'C' })).rejects.toMatchObject({
      name: 'CameraFailureError',
      kind: 'failed',
      command: 'ModifyLicensePlate',
      code: 204,
    })
  })

  it('remove reports a plate that is not there instead of throwing', async () => {
    const { cam } = await cameraUnderTest({ plates: [{ number: 'R1', groupId: '3' }] })
    expect(await cam.plates.remove('R1', 'block')).toMatchObject({ removed: true })
    expect(await cam.plates.remove('R1', 'block')).toMatchObject({
      number: 'R1',
      removed: false,
      group: { name: 'blackList' },
    })
  })
})
