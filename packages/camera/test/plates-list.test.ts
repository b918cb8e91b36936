import { afterEach, describe, expect, it } from 'vitest'
import { cameraUnderTest, closeAll, collect } from './helpers/camera-under-test.js'

afterEach(closeAll)

// Ids that are not 1/2/3, as firmware other than 5.3.1 numbers them.
const GROUPS = [
  { id: 11, name: 'whiteList' },
  { id: 13, name: 'blackList' },
  { id: 7, name: 'temporaryList' },
  { id: 21, name: 'vipList' },
]

function platesIn(groupId: number, count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({
    number: `${prefix}${String(i).padStart(3, '0')}`,
    groupId: String(groupId),
  }))
}

describe('plate groups', () => {
  it('reads the groups with their kinds, whatever their ids', async () => {
    const { cam } = await cameraUnderTest({ groups: GROUPS })
    expect(await cam.plateGroups()).toEqual([
      { id: '11', name: 'whiteList', kind: 'allow' },
      { id: '13', name: 'blackList', kind: 'block' },
      { id: '7', name: 'temporaryList', kind: 'temporary' },
      { id: '21', name: 'vipList', kind: 'other' },
    ])
  })
})

describe('plates.list', () => {
  it('pages through every group, advancing by the plates actually received', async () => {
    const plates = [...platesIn(11, 12, 'A'), ...platesIn(13, 5, 'B'), ...platesIn(21, 1, 'V')]
    // The camera returns at most 4 per page although 10 are asked for.
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS, plates, maxPageSize: 4 })
    const listed = await collect(cam.plates.list({ pageSize: 10 }))
    expect(listed.map((p) => p.number)).toEqual(plates.map((p) => p.number))
    expect(listed.filter((p) => p.group.kind === 'allow')).toHaveLength(12)
    expect(listed.find((p) => p.number === 'V000')?.group).toEqual({
      id: '21',
      name: 'vipList',
      kind: 'other',
    })
    // Offsets are 1-based and follow what came back: 1, 5, 9 for the 12 allowed plates.
    const searches = camera.requests
      .filter((r) => r.command === 'GetLicensePlates')
      .map((r) => {
        const offset = /<resultOffset>(\d+)</.exec(r.body)?.[1]
        const group = /<groupId><!\[CDATA\[(\d+)\]\]>/.exec(r.body)?.[1]
        return `${group}@${offset}`
      })
    expect(searches).toEqual(['11@1', '11@5', '11@9', '13@1', '13@5', '7@1', '21@1'])
  })

  it('stops with a typed error on a camera that ignores the offset and sends no total', async () => {
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS })
    // Whatever offset is asked, the same two plates and no `total`: paging would never end.
    const item = (n: string) =>
      `<item><licensePlateNumber><![CDATA[${n}]]></licensePlateNumber><groupId><![CDATA[11]]></groupId></item>`
    camera.fault({
      kind: 'reply',
      command: 'GetLicensePlates',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<config version="2.1.0" xmlns="http://www.ipc.com/ver10"><licensePlates type="list" count="2">${item('R1')}${item('R2')}</licensePlates></config>`,
    })
    const listed: string[] = []
    const listing = (async () => {
      for await (const plate of cam.plates.list({ group: 'allow', pageSize: 2 })) {
        listed.push(plate.number)
      }
    })()
    await expect(listing).rejects.toMatchObject({
      name: 'CameraMalformedReplyError',
      message: expect.stringMatching(/ignores the offset/),
    })
    expect(listed).toEqual(['R1', 'R2'])
    expect(camera.requests.filter((r) => r.command === 'GetLicensePlates')).toHaveLength(2)
  })

  it('lists one group by kind; an empty group (code 20) is an empty list', async () => {
    const { cam } = await cameraUnderTest({ groups: GROUPS, plates: platesIn(13, 3, 'B') })
    expect(await collect(cam.plates.list({ group: 'allow' }))).toEqual([])
    const blocked = await collect(cam.plates.list({ group: 'block' }))
    expect(blocked.map((p) => p.number)).toEqual(['B000', 'B001', 'B002'])
    const byId = await collect(cam.plates.list({ group: { id: 13 } }))
    expect(byId).toHaveLength(3)
  })

  it('an unknown group name is a RangeError before any request', async () => {
    const { camera, cam } = await cameraUnderTest()
    expect(() => cam.plates.list({ group: 'strangers' as 'allow' })).toThrow(RangeError)
    await expect(cam.plates.add([{ number: 'X1', group: 'white' as 'allow' }])).rejects.toThrow(
      RangeError,
    )
    await expect(cam.plates.remove('X1', 'vip' as 'allow')).rejects.toThrow(RangeError)
    await expect(cam.plates.modify('X1', 'x' as 'allow', { owner: 'a' })).rejects.toThrow(
      RangeError,
    )
    expect(camera.requests).toEqual([])
  })

  it('a kind the camera lacks is a CameraUnsupportedError naming its groups', async () => {
    const { cam } = await cameraUnderTest({ groups: [{ id: 4, name: 'whiteList' }] })
    await expect(collect(cam.plates.list({ group: 'block' }))).rejects.toMatchObject({
      kind: 'unsupported',
      message: expect.stringContaining('whiteList 4'),
    })
  })
})
