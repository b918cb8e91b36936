import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('route-by-category hands each category to its own handler', async () => {
  const run = await runExample('route-by-category', {
    env: { MAX_EVENTS: '4' },
    simulate: {
      mode: 'ipc',
      cameras: 1,
      rate: 3,
      kinds: ['lpr', 'face', 'perimeter', 'counting-line'],
    },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/^\[lpr\] +[A-Z0-9]+/m)
  expect(run.stdout).toMatch(/^\[face\] +1 face\(s\) at Gate Camera$/m)
  expect(run.stdout).toMatch(/^\[intrusion\] perimeter by a \w+ at Gate Camera$/m)
  expect(run.stdout).toMatch(/^\[counting\] +line count/m)
  // Traject posts arrived (the camera tracks its targets) but have a silent handler.
  expect(run.sent.byKind.traject).toBeGreaterThan(0)
  expect(run.stdout).not.toContain('[traject]')
  expect(run.stdout).toContain('Routed 4 detections.')
})
