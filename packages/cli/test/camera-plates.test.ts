import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeCamera, runCamera } from './helpers/fake-camera.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

const GROUPS = [
  { id: 11, name: 'whiteList' },
  { id: 13, name: 'blackList' },
  { id: 7, name: 'temporaryList' },
]

function csv(text: string): string {
  const file = join(tempDir(), 'plates.csv')
  writeFileSync(file, text)
  return file
}

describe('viewtron camera plates', () => {
  it('list: every group, page after page, as a table or JSON', async () => {
    const camera = await fakeCamera({
      groups: GROUPS,
      maxPageSize: 2,
      plates: [
        { number: 'A1', groupId: '11', owner: 'Flat 1' },
        { number: 'A2', groupId: '11' },
        { number: 'A3', groupId: '11' },
        { number: 'B1', groupId: '13' },
        { number: 'T1', groupId: '7', endTime: '2026-12-24 18:00:00' },
      ],
    })
    const table = await runCamera(camera, ['plates', 'list'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^PLATE +GROUP +OWNER +TELEPHONE +BEGIN +END$/m)
    expect(table.stdout).toMatch(/^A1 +whiteList +Flat 1$/m)
    expect(table.stdout).toMatch(/^T1 +temporaryList .*2026-12-24 18:00:00$/m)
    expect(table.stdout).toMatch(/^5 plates$/m)
    const json = await runCamera(camera, ['plates', 'list', '--group', 'allow', '--json'])
    expect(JSON.parse(json.stdout).map((p: { number: string }) => p.number)).toEqual([
      'A1',
      'A2',
      'A3',
    ])
  })

  it('add: a visitor pass with its end in the camera’s zone; again: unchanged', async () => {
    const camera = await fakeCamera({ groups: GROUPS, timeZone: 'CST-8' })
    const args = ['plates', 'add', 'VIS<&>42', '--group', 'temporary', '--owner', 'Plumber']
    const run = await runCamera(camera, [...args, '--end', '2026-12-24T10:00:00Z'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^VIS<&>42 +temporaryList +added$/m)
    expect(camera.plates()).toEqual([
      expect.objectContaining({
        number: 'VIS<&>42',
        groupId: '7',
        owner: 'Plumber',
        endTime: '2026-12-24 18:00:00',
      }),
    ])
    const again = await runCamera(camera, [...args, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual([
      expect.objectContaining({ number: 'VIS<&>42', status: 'unchanged' }),
    ])
  })

  it('add: a refusal exits 1 with the camera’s code and description', async () => {
    const camera = await fakeCamera({ maxPlates: 0 })
    const run = await runCamera(camera, ['plates', 'add', 'F1', '--group', 'block'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^F1 +blackList +failed: Plate library full \(code 202\)$/m)
  })

  it('remove: removed, then reported as not there', async () => {
    const camera = await fakeCamera({ plates: [{ number: 'R1', groupId: '3' }] })
    const first = await runCamera(camera, ['plates', 'remove', 'R1', '--group', 'block'])
    expect(first.stdout).toBe('Removed R1 from blackList\n')
    const second = await runCamera(camera, ['plates', 'remove', 'R1', '--group', 'block'])
    expect(second.code).toBe(0)
    expect(second.stdout).toBe('R1 is not in blackList: nothing to remove\n')
  })

  it('import: quoted fields and odd text; per-plate results', async () => {
    const camera = await fakeCamera({ groups: GROUPS })
    const file = csv(
      '\uFEFFplate,group,owner,telephone,begin,end\r\n' +
        'ABC123,allow,"Smith, Flat 4",555-0100,,\r\n' +
        '"Q""]]>1",block,"Line one\nline two",,,\r\n' +
        'ÖÄ-京,temporary,Visitor,,2026-12-24 08:00,2026-12-24 18:00\r\n',
    )
    const run = await runCamera(camera, ['plates', 'import', file])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^3 added, 0 unchanged, 0 failed$/m)
    const stored = new Map(camera.plates().map((p) => [p.number, p]))
    expect(stored.get('ABC123')).toMatchObject({ groupId: '11', owner: 'Smith, Flat 4' })
    expect(stored.get('Q"]]>1')).toMatchObject({ groupId: '13', owner: 'Line one\nline two' })
    expect(stored.get('ÖÄ-京')).toMatchObject({
      beginTime: '2026-12-24 08:00:00',
      endTime: '2026-12-24 18:00:00',
    })
  })

  it('import: every problem with its line number, and nothing sent', async () => {
    const camera = await fakeCamera()
    const file = csv(
      'plate,group,owner\n' +
        'OK1,allow,\n' +
        ',allow,\n' +
        'X2,vip,\n' +
        'OK1,block,\n' +
        'X3,allow\n',
    )
    const run = await runCamera(camera, ['plates', 'import', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('has 4 problems; nothing was written')
    expect(run.stderr).toContain('line 3: plate number "" must be non-empty')
    expect(run.stderr).toContain("line 4: group 'vip' is not allow, block, temporary or an id")
    expect(run.stderr).toContain('line 5: plate OK1 is already on line 2')
    expect(run.stderr).toContain('line 6: 2 fields, the header has 3')
    expect(camera.requests).toEqual([])
    const header = await runCamera(camera, ['plates', 'import', csv('number,group\nA,allow\n')])
    expect(header.code).toBe(1)
    expect(header.stderr).toContain("line 1: unknown column 'number'")
    const times = await runCamera(camera, [
      'plates',
      'sync',
      csv('plate,group,end\nA,allow,24/12/2026\n'),
    ])
    expect(times.code).toBe(1)
    expect(times.stderr).toContain('line 2: end: "24/12/2026" is not a time')
    expect(camera.requests).toEqual([])
  })

  it('sync: plan and outcome; a second run and a dry run write nothing', async () => {
    const camera = await fakeCamera({
      groups: GROUPS,
      plates: [
        { number: 'KEEP', groupId: '11', owner: 'Flat 1' },
        { number: 'MOVE', groupId: '11' },
        { number: 'OLD', groupId: '13' },
      ],
    })
    const file = csv('plate,group,owner\nKEEP,allow,Flat 1\nMOVE,block,\nNEW,allow,Flat 2\n')
    const dry = await runCamera(camera, ['plates', 'sync', file, '--prune', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('Plan (3 changes, 1 plates already as listed):')
    expect(dry.stdout).toMatch(/^remove +OLD +blackList/m)
    expect(dry.stdout).toMatch(/^move +MOVE +whiteList -> blackList/m)
    expect(dry.stdout).toMatch(/^add +NEW +whiteList +owner=Flat 2$/m)
    expect(dry.stdout).toContain('Dry run: nothing was written.')
    expect(camera.writes()).toEqual([])

    const real = await runCamera(camera, ['plates', 'sync', file, '--prune'])
    expect(real.code).toBe(0)
    expect(real.stdout).toContain('Outcome:')
    expect(real.stdout).toMatch(/^3 done, 0 failed$/m)
    expect(
      camera
        .plates()
        .map((p) => `${p.number}@${p.groupId}`)
        .sort(),
    ).toEqual(['KEEP@11', 'MOVE@13', 'NEW@11'])
    const writes = camera.writes().length
    const again = await runCamera(camera, ['plates', 'sync', file, '--prune', '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({ dryRun: false, unchanged: 3, steps: [] })
    expect(camera.writes()).toHaveLength(writes)
  })
})
