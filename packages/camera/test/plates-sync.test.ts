import { afterEach, describe, expect, it } from 'vitest'
import type { PlateInput } from '../src/index.js'
import { cameraUnderTest, closeAll } from './helpers/camera-under-test.js'

afterEach(closeAll)

const GROUPS = [
  { id: 5, name: 'temporaryList' },
  { id: 8, name: 'whiteList' },
  { id: 9, name: 'blackList' },
]

const START = [
  { number: 'KEEP1', groupId: '8', owner: 'Flat 1' },
  { number: 'EDIT1', groupId: '8', owner: 'Old name' },
  { number: 'MOVE1', groupId: '8', owner: 'Moving out', telephone: '555' },
  { number: 'GONE1', groupId: '9' },
  { number: 'ELSE1', groupId: '5' },
]

const DESIRED: PlateInput[] = [
  { number: 'KEEP1', group: 'allow', owner: 'Flat 1' },
  { number: 'EDIT1', group: 'allow', owner: 'New name' },
  { number: 'MOVE1', group: 'block' },
  { number: 'NEW1', group: 'allow', owner: 'Flat 9', end: '2027-06-30 23:59:59' },
  { number: 'NEW2', group: 'temporary' },
]

describe('plates.sync', () => {
  it('plans adds, modifies and moves, applies them, and a second run writes nothing', async () => {
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS, plates: START })
    const first = await cam.plates.sync(DESIRED)
    expect(first.dryRun).toBe(false)
    expect(first.unchanged).toBe(1)
    expect(
      first.plan.map((s) => `${s.action} ${s.number} ${s.from?.name ?? ''}>${s.group.name}`),
    ).toEqual([
      'move MOVE1 whiteList>blackList',
      'add NEW1 >whiteList',
      'add NEW2 >temporaryList',
      'modify EDIT1 >whiteList',
    ])
    expect(first.plan.find((s) => s.action === 'modify')?.changes).toEqual({ owner: 'New name' })
    expect(first.results.every((r) => r.status === 'done')).toBe(true)
    const stored = new Map(camera.plates().map((p) => [p.number, p]))
    expect(stored.get('MOVE1')).toMatchObject({
      groupId: '9',
      owner: 'Moving out',
      telephone: '555',
    })
    expect(stored.get('EDIT1')?.owner).toBe('New name')
    expect(stored.get('NEW1')).toMatchObject({
      groupId: '8',
      owner: 'Flat 9',
      endTime: '2027-06-30 23:59:59',
    })
    // Without prune, plates the list does not mention stay.
    expect(stored.has('GONE1')).toBe(true)
    expect(stored.has('ELSE1')).toBe(true)
    expect(camera.plates().filter((p) => p.number === 'MOVE1')).toHaveLength(1)

    const writesBefore = camera.writes().length
    const second = await cam.plates.sync(DESIRED)
    expect(second.plan).toEqual([])
    expect(second.unchanged).toBe(DESIRED.length)
    expect(camera.writes().length).toBe(writesBefore)
  })

  it('a move adds before it removes, or removes first where numbers are unique across groups', async () => {
    for (const uniqueNumbers of [false, true]) {
      const { camera, cam } = await cameraUnderTest({
        groups: GROUPS,
        plates: [{ number: 'MV', groupId: '8', owner: 'Kept' }],
        uniqueNumbers,
      })
      const result = await cam.plates.sync([{ number: 'MV', group: 'block' }])
      expect(result.results.map((r) => [r.action, r.status])).toEqual([['move', 'done']])
      expect(camera.plates()).toEqual([
        expect.objectContaining({ number: 'MV', groupId: '9', owner: 'Kept' }),
      ])
      const order = camera.writes().map((w) => w.command)
      expect(order, `uniqueNumbers: ${uniqueNumbers}`).toEqual(
        uniqueNumbers
          ? ['AddLicensePlates', 'DeleteLicensePlate', 'AddLicensePlates', 'ModifyLicensePlate']
          : ['AddLicensePlates', 'ModifyLicensePlate', 'DeleteLicensePlate'],
      )
    }
  })

  it('a move whose new add fails after the old copy was removed puts the plate back as it was', async () => {
    // Per-item codes as the camera answers AddLicensePlates.
    const addReply = (code: number) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<config version="2.1.0" xmlns="http://www.ipc.com/ver10"><licensePlatesReply type="list" count="1"><item><index>1</index><errorCode>${code}</errorCode></item></licensePlatesReply></config>`
    for (const restoreFails of [false, true]) {
      const { camera, cam } = await cameraUnderTest({
        groups: GROUPS,
        plates: [{ number: 'MV', groupId: '8', owner: 'Kept', telephone: '555' }],
        uniqueNumbers: true,
      })
      // 203: in another group (so the old copy goes first); then 202, the library is full.
      camera.fault({ kind: 'reply', command: 'AddLicensePlates', body: addReply(203), times: 1 })
      camera.fault({ kind: 'reply', command: 'AddLicensePlates', body: addReply(202), times: 1 })
      if (restoreFails) {
        camera.fault({ kind: 'reply', command: 'AddLicensePlates', body: addReply(202), times: 1 })
      }
      const result = await cam.plates.sync([{ number: 'MV', group: 'block', owner: 'New' }])
      const [step] = result.results
      expect(step).toMatchObject({ action: 'move', status: 'failed', code: 202 })
      if (restoreFails) {
        expect(step?.description).toMatch(/failed too: the plate is in neither group/)
        expect(camera.plates()).toEqual([])
      } else {
        expect(step?.description).toMatch(/the plate was put back in whiteList/)
        expect(camera.plates()).toEqual([
          expect.objectContaining({ number: 'MV', groupId: '8', owner: 'Kept', telephone: '555' }),
        ])
      }
    }
  })

  it('matches plate numbers without regard to case and writes to the spelling the camera holds', async () => {
    const { camera, cam } = await cameraUnderTest({
      groups: GROUPS,
      plates: [
        { number: 'AB12CD', groupId: '8', owner: 'Old' },
        { number: 'MOVE9', groupId: '8' },
      ],
    })
    const result = await cam.plates.sync(
      [
        { number: 'ab12cd', group: 'allow', owner: 'New' },
        { number: 'move9', group: 'block' },
      ],
      { prune: true },
    )
    expect(result.plan.map((s) => `${s.action} ${s.number} ${s.group.name}`)).toEqual([
      'move MOVE9 blackList',
      'modify AB12CD whiteList',
    ])
    expect(result.results.every((r) => r.status === 'done')).toBe(true)
    expect(camera.plates()).toEqual([
      expect.objectContaining({ number: 'AB12CD', groupId: '8', owner: 'New' }),
      expect.objectContaining({ number: 'MOVE9', groupId: '9' }),
    ])
    await expect(
      cam.plates.sync([
        { number: 'X1', group: 'allow' },
        { number: 'x1', group: 'block' },
      ]),
    ).rejects.toThrow(/listed twice/)
  })

  it('prune removes plates of the synced groups that the list leaves out', async () => {
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS, plates: START })
    const result = await cam.plates.sync(DESIRED, { prune: true })
    const removed = result.plan.filter((s) => s.action === 'remove').map((s) => s.number)
    expect(removed.sort()).toEqual(['ELSE1', 'GONE1'])
    expect(
      camera
        .plates()
        .map((p) => p.number)
        .sort(),
    ).toEqual(['EDIT1', 'KEEP1', 'MOVE1', 'NEW1', 'NEW2'].sort())
    const writes = camera.writes().length
    await cam.plates.sync(DESIRED, { prune: true })
    expect(camera.writes().length).toBe(writes)
  })

  it('groups limits what is read and pruned', async () => {
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS, plates: START })
    const result = await cam.plates.sync([{ number: 'B1', group: 'block' }], {
      groups: ['block'],
      prune: true,
    })
    expect(result.plan.map((s) => `${s.action} ${s.number}`)).toEqual(['remove GONE1', 'add B1'])
    expect(camera.plates().filter((p) => p.groupId === '8')).toHaveLength(3)
    await expect(
      cam.plates.sync([{ number: 'A1', group: 'allow' }], { groups: ['block'] }),
    ).rejects.toThrow(RangeError)
  })

  it('dryRun plans without a single write', async () => {
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS, plates: START })
    const result = await cam.plates.sync(DESIRED, { prune: true, dryRun: true })
    expect(result.dryRun).toBe(true)
    expect(result.plan).toHaveLength(6)
    expect(result.results.every((r) => r.status === 'planned')).toBe(true)
    expect(camera.writes()).toEqual([])
    expect(camera.plates()).toHaveLength(START.length)
  })

  it('reports a step the camera refuses and carries on with the rest', async () => {
    const { camera, cam } = await cameraUnderTest({ groups: GROUPS, maxPlates: 1 })
    const result = await cam.plates.sync([
      { number: 'F1', group: 'allow' },
      { number: 'F2', group: 'allow' },
    ])
    expect(result.results.map((r) => [r.number, r.status, r.code])).toEqual([
      ['F1', 'done', null],
      ['F2', 'failed', 202],
    ])
    expect(camera.plates()).toHaveLength(1)
  })

  it('a plate listed twice is a RangeError before any request', async () => {
    const { camera, cam } = await cameraUnderTest()
    await expect(
      cam.plates.sync([
        { number: 'D1', group: 'allow' },
        { number: 'D1', group: 'block' },
      ]),
    ).rejects.toThrow(/listed twice \(entries 1 and 2\)/)
    expect(camera.requests).toEqual([])
  })
})
