import { readFileSync } from 'node:fs'
import { startFakeCamera } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('camera-gate looks plates up on the camera and gives unknown cars a visitor pass', async () => {
  // The simulator's plates: KLM4821 and JP116D are residents here, XZV7715 is blocked.
  const camera = await startFakeCamera({
    groups: [
      { id: 4, name: 'whiteList' },
      { id: 5, name: 'blackList' },
      { id: 6, name: 'temporaryList' },
    ],
    plates: [
      { number: 'KLM4821', groupId: '4', owner: 'J. Alvarez' },
      { number: 'JP116D', groupId: '4' },
      { number: 'XZV7715', groupId: '5' },
    ],
    timeZone: 'CST-8',
  })
  try {
    const run = await runExample('camera-gate', {
      env: { MAX_EVENTS: '6', CAMERA_URL: camera.url, CAMERA_PASSWORD: camera.password },
      simulate: { mode: 'ipc', cameras: 1, rate: 4, kinds: ['lpr'], seed: 3 },
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('3 plates on the camera')
    const lines = run.stdout
      .split('\n')
      .filter((line) => /^(OPEN|BLOCKED|VISITOR|PASS) /.test(line))
    expect(lines).toHaveLength(6)
    for (const line of lines) {
      const [verdict, plate] = line.split(/ +/)
      if (plate === 'KLM4821') expect(line).toBe('OPEN     KLM4821 (J. Alvarez)')
      else if (plate === 'JP116D') expect(line).toBe('OPEN     JP116D (resident)')
      else if (plate === 'XZV7715') expect(verdict).toBe('BLOCKED')
      else expect(['PASS', 'VISITOR']).toContain(verdict)
    }
    // Every pass is on the camera, in its temporary group, ending about two hours from now
    // in the camera's zone (UTC+8).
    const passes = camera.plates().filter((p) => p.groupId === '6')
    expect(passes.length).toBe(lines.filter((line) => line.startsWith('PASS')).length)
    for (const pass of passes) {
      expect(pass.owner).toBe('Visitor')
      const end = Date.parse(`${pass.endTime?.replace(' ', 'T')}+08:00`)
      expect(Math.abs(end - (Date.now() + 2 * 3_600_000))).toBeLessThan(5 * 60_000)
    }
  } finally {
    await camera.close()
  }
})

it('the guide shows camera-gate as it runs', () => {
  const readme = readFileSync(new URL('../../docs/talking-to-cameras.md', import.meta.url), 'utf8')
  const block = /<!-- example: examples\/camera-gate\.ts -->\n```ts\n([\s\S]*?)```/.exec(
    readme,
  )?.[1]
  const source = readFileSync(new URL('../camera-gate.ts', import.meta.url), 'utf8')
  expect(block).toBeDefined()
  expect(source.endsWith(block as string)).toBe(true)
})
