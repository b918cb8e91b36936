import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('background-server keeps its own work going while events arrive', async () => {
  const run = await runExample('background-server', {
    env: { MAX_EVENTS: '3' },
    simulate: { mode: 'ipc', cameras: 1, kinds: ['lpr', 'face'], traject: false },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  // The ticker ran while the events came in (3 events at 1/s take over two seconds).
  expect(run.stdout).toMatch(/^status: [1-3] events, last plate [A-Z0-9]+ at Gate Camera$/m)
  expect(run.stdout).toMatch(/^final: 3 events, last plate [A-Z0-9]+$/m)
})
