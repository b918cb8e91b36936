import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('seed-callbacks prints the banner, connections, events with images, and alarm status', async () => {
  const run = await runExample('seed-callbacks', {
    env: { MAX_EVENTS: '2' },
    simulate: { mode: 'ipc', cameras: 1, kinds: ['lpr', 'face'], traject: false, images: 'small' },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.stdout).toContain('Viewtron Event Server')
  expect(run.stdout).toContain('Camera connected: 127.0.0.1')
  expect(run.stdout).toContain('Event: License Plate Detection (VEHICE) from 127.0.0.1')
  expect(run.stdout).toMatch(/ {2}Plate: [A-Z0-9]+ {2}Group: \S+/)
  expect(run.stdout).toMatch(/ {2}Overview image: \d+ bytes/)
  expect(run.stdout).toContain('Alarm vehiceAlarm: true')
  expect(run.stdout).toContain('Server stopped.')
})
