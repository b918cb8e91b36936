import { PLATES } from '@viewtron/cli'
import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('lpr-gate opens for allowed plates, denies the rest, once per plate and camera', async () => {
  const denied = 'XZV7715'
  const allowed = PLATES.map((p) => p.number).filter((n) => n !== denied)
  const run = await runExample('lpr-gate', {
    env: { MAX_EVENTS: '4', ALLOW_PLATES: allowed.join(',') },
    simulate: { mode: 'mixed', cameras: 2, rate: 4, kinds: ['lpr'], seed: 5 },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const decisions = run.stdout.split('\n').filter((line) => /^(OPEN|DENY) /.test(line))
  expect(decisions).toHaveLength(4)
  const seen = new Set<string>()
  for (const line of decisions) {
    const [, verdict, plate, camera] =
      /^(OPEN|DENY) +(\S+) at (Gate Camera|Yard NVR)/.exec(line) ?? []
    expect(verdict).toBe(plate === denied ? 'DENY' : 'OPEN')
    // dedupePlates: a plate passes once per camera within the 30 s window.
    expect(seen.has(`${camera}/${plate}`), line).toBe(false)
    seen.add(`${camera}/${plate}`)
  }
  // Every OPEN is followed by the relay pulse.
  expect(run.stdout.match(/relay pulse/g)?.length ?? 0).toBe(
    decisions.filter((line) => line.startsWith('OPEN')).length,
  )
})
