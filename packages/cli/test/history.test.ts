import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEvent, type ViewtronEvent } from '@viewtron/core'
import { ipcLprPost, ipcPerimeterPost, nvrVehiclePost } from '@viewtron/fixtures'
import { openEventStore } from '@viewtron/store'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startCli } from './helpers/cli-process.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

function eventOf(body: string, receivedAt: string, clientIp: string): ViewtronEvent {
  const result = parseEvent(body, { clientIp, receivedAt: new Date(receivedAt) })
  if (result.kind !== 'event') throw new Error(result.kind)
  return result.event
}

const GATE = { name: 'Gate Camera', mac: '58:5b:69:3c:11:a0', sn: 'I3C11A0F27B1', ip: '10.0.0.5' }

let db = ''
beforeAll(async () => {
  // Times are printed in local time: the children run in UTC so the expectations are fixed.
  process.env.TZ = 'UTC'
  // Shared by every test, so not tracked by the per-test teardown.
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-history-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  db = join(dir, 'events.db')
  const store = await openEventStore({ path: db })
  const events = [
    eventOf(
      ipcLprPost({
        plate: 'KXT4821',
        listType: 'whiteList',
        images: 'small',
        header: 'capture',
        device: GATE,
      }),
      '2026-12-01T08:00:00Z',
      '10.0.0.5',
    ),
    eventOf(
      nvrVehiclePost({ plate: 'AB,12"3', match: { groupName: 'Visitors' }, images: 'small' }),
      '2026-12-01T09:30:00Z',
      '10.0.0.20',
    ),
    eventOf(
      ipcPerimeterPost({ images: 'small', header: 'capture', device: GATE }),
      '2026-12-01T10:15:00Z',
      '10.0.0.5',
    ),
  ]
  for (const event of events) await store.handlers.onEvent(event, event.clientIp)
  await store.close()
})

async function history(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const cli = startCli(['history', '--db', db, ...args])
  const code = await cli.exited
  return { code, out: cli.stdout(), err: cli.stderr() }
}

describe('viewtron history', () => {
  it('prints a table: time, camera, category, plate, group, images; newest first', async () => {
    const { code, out, err } = await history([])
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toBe(
      [
        'time                 camera        category   plate    group      images',
        '2026-12-01 10:15:00  Gate Camera   intrusion                      2',
        '2026-12-01 09:30:00  Yard NVR ch1  lpr        AB,12"3  Visitors   2',
        '2026-12-01 08:00:00  Gate Camera   lpr        KXT4821  whiteList  3',
        '',
      ].join('\n'),
    )
  })

  it('prints CSV with quoting, UTC times and image paths', async () => {
    const { code, out } = await history(['--csv', '--category', 'lpr'])
    expect(code).toBe(0)
    const lines = out.split('\r\n')
    expect(lines[0]).toBe(
      'id,time,device_time,camera,client_ip,category,alarm_type,plate,group,images,image_paths',
    )
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(
      /^2,2026-12-01T09:30:00\.000Z,[^,]*,Yard NVR ch1,10\.0\.0\.20,lpr,vehicle,"AB,12""3",Visitors,2,[^,]+\.jpg;[^,]+\.jpg$/,
    )
    expect(lines[2]).toMatch(
      /^1,2026-12-01T08:00:00\.000Z,2026-03-29T13:58:21\.902Z,Gate Camera,10\.0\.0\.5,lpr,VEHICE,KXT4821,whiteList,3,/,
    )
    expect(lines[3]).toBe('')
  })

  it('finds a misread plate and filters by camera and time, as JSON lines', async () => {
    const misread = await history(['--plate', 'KXT482I', '--json'])
    expect(misread.code).toBe(0)
    const rows = misread.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(rows.map((row) => [row.plate, row.match])).toEqual([['KXT4821', 'confusion']])
    expect(rows[0].images).toHaveLength(3)
    expect(rows[0].event.plateNumber).toBe('KXT4821')

    const partial = await history(['--plate', 'kxt-48', '--json'])
    expect(
      partial.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).match),
    ).toEqual(['prefix'])

    const gate = await history([
      '--camera',
      '58-5B-69-3C-11-A0',
      '--since',
      '2026-12-01T09:00Z',
      '--json',
    ])
    expect(
      gate.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).category),
    ).toEqual(['intrusion'])
    const none = await history(['--until', '2026-11-30'])
    expect(none.out).toBe('no events match\n')
  })

  it('prints stats, and refuses bad command lines', async () => {
    const stats = await history(['--stats'])
    expect(stats.code).toBe(0)
    expect(stats.out).toMatch(/^events +3$/m)
    expect(stats.out).toMatch(/^oldest +2026-12-01 08:00:00$/m)
    const json = JSON.parse((await history(['--stats', '--json'])).out)
    expect(json).toMatchObject({ events: 3, newest: '2026-12-01T10:15:00.000Z' })

    const bad = await history(['--since', 'yesterday'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--since must be a duration/)
    const missing = startCli(['history', '--db', join(tempDir(), 'nope.db')])
    expect(await missing.exited).toBe(1)
    expect(missing.stderr()).toMatch(/no event store/)
  })
})
