import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PLATES } from '../src/index.js'
import { runCli } from './helpers/cli-process.js'
import { checkJpeg } from './helpers/jpeg-check.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

describe('viewtron demo', () => {
  it('exits 0 after events of every category, with valid JPEGs in ./captures', async () => {
    const cwd = tempDir()
    const run = await runCli(['demo', '--seconds', '3'], { cwd })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n').filter((line) => /^\d\d:\d\d:\d\d\.\d{3} /.test(line))
    const categories = new Set(lines.map((line) => line.split(/ {2,}/)[2]))
    expect(categories).toEqual(
      new Set(['lpr', 'face', 'intrusion', 'counting', 'metadata', 'traject', 'other']),
    )
    // LPR from a camera (v1) and from an NVR channel (v2); every intrusion subtype.
    expect(lines.some((l) => /Gate Camera +lpr|Lobby Camera +lpr/.test(l))).toBe(true)
    expect(lines.some((l) => /Yard NVR ch\d +lpr/.test(l))).toBe(true)
    // Gate Camera runs API 2.1 firmware (empty plate item first): its plate is shown, with the
    // overview and the crop the right way round.
    const gate = lines.find((l) => /Gate Camera +lpr/.test(l)) ?? ''
    const plate = / {2}License Plate Detection +(\S+)/.exec(gate)?.[1]
    expect(PLATES.map((p) => p.number)).toContain(plate)
    expect(gate).toMatch(/overview 1920x1080 .*, crop 150x50 /)
    for (const subtype of ['perimeter', 'tripwire', 'entry', 'exit']) {
      expect(
        lines.some((l) => new RegExp(`intrusion .* ${subtype} `).test(l)),
        subtype,
      ).toBe(true)
    }
    for (const subtype of ['line', 'area']) {
      expect(
        lines.some((l) => new RegExp(`counting .* ${subtype} `).test(l)),
        subtype,
      ).toBe(true)
    }
    expect(run.stdout).toContain('Demo summary')
    expect(run.stdout).toMatch(/empty 1, DeviceInfo 1, messageType 2/)
    expect(run.stdout).toMatch(/alarm status +[1-9]\d*/)
    const acknowledged = /posts acknowledged +(\d+) of (\d+)/.exec(run.stdout)
    expect(acknowledged?.[1]).toBe(acknowledged?.[2])
    const files = readdirSync(join(cwd, 'captures'))
    const saved = Number(/images saved +(\d+) in \.\/captures/.exec(run.stdout)?.[1])
    expect(files).toHaveLength(saved)
    expect(saved).toBeGreaterThan(20)
    for (const file of files) {
      expect(file).toMatch(/^\d{8}-\d{6}\.\d{3}_.+_(overview|crop)(-\d)?(_\d+)?\.jpg$/)
      checkJpeg(join(cwd, 'captures', file))
    }
  })

  it('saves to --out', async () => {
    const cwd = tempDir()
    const run = await runCli(['demo', '--seconds', '1', '--out', 'shots'], { cwd })
    expect(run.stdout).toContain('images saved')
    expect(readdirSync(join(cwd, 'shots')).length).toBeGreaterThan(0)
  })
})
