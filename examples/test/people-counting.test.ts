import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('people-counting totals people per camera and prints a table', async () => {
  const run = await runExample('people-counting', {
    env: { MAX_EVENTS: '4' },
    simulate: { mode: 'mixed', cameras: 2, rate: 4, kinds: ['counting-line', 'counting-area'] },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const updates = run.stdout.split('\n').filter((line) => line.includes(' crossed the line, '))
  expect(updates).toHaveLength(4)
  for (const line of updates) {
    expect(line).toMatch(/^(Gate Camera|Yard NVR ch1): \d+ crossed the line, \d+ in the area$/)
  }
  const table = run.stdout.slice(run.stdout.indexOf('camera  '))
  expect(table).toMatch(/^camera +line +area\n/)
  const rows = table.trim().split('\n').slice(1)
  const total = rows.reduce((sum, row) => {
    const [line, area] = row.trim().split(/\s+/).slice(-2).map(Number)
    return sum + (line ?? 0) + (area ?? 0)
  }, 0)
  expect(total).toBe(4)
})
