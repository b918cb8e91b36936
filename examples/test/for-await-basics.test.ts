import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('for-await-basics prints each event and stops after MAX_EVENTS', async () => {
  const run = await runExample('for-await-basics', {
    env: { MAX_EVENTS: '4' },
    simulate: { mode: 'mixed', kinds: ['lpr', 'face'], traject: false },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/^lpr +License Plate Detection from Gate Camera$/m)
  expect(run.stdout).toMatch(/^face +Face Detection from Yard NVR$/m)
  expect(run.stdout).toMatch(/^ +plate [A-Z0-9]+$/m)
  expect(run.stdout).toContain('Done after 4 events.')
})
