import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

const UPDATE =
  /^(Gate Camera|Yard NVR ch1): (\d+) crossed the line, (\d+) in the area(?:; camera counts (\d+) in, (\d+) out, (\d+) inside)?(?: \(crossed (A->B|B->A)\))?$/

it('people-counting totals people per camera and prints a table', async () => {
  const run = await runExample('people-counting', {
    env: { MAX_EVENTS: '4' },
    simulate: { mode: 'mixed', cameras: 2, rate: 4, kinds: ['counting-line', 'counting-area'] },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const updates = run.stdout.split('\n').filter((line) => line.includes(' crossed the line, '))
  expect(updates).toHaveLength(4)
  for (const line of updates) expect(line).toMatch(UPDATE)
  const table = run.stdout.slice(run.stdout.indexOf('camera  '))
  expect(table).toMatch(/^camera +line +area +in +out +inside\n/)
  const rows = table.trim().split('\n').slice(1)
  const total = rows.reduce((sum, row) => {
    const [line, area] = row
      .trim()
      .split(/\s{2,}/)
      .slice(1, 3)
      .map(Number)
    return sum + (line ?? 0) + (area ?? 0)
  }, 0)
  expect(total).toBe(4)
})

it("shows a camera's own people counters from its line-crossing posts", async () => {
  const run = await runExample('people-counting', {
    env: { MAX_EVENTS: '3' },
    // Camera posts carry the target class in the crop block, so this run needs images.
    simulate: { mode: 'ipc', cameras: 1, rate: 4, kinds: ['counting-line'], images: 'small' },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const updates = run.stdout.split('\n').filter((line) => line.includes(' crossed the line, '))
  expect(updates).toHaveLength(3)
  updates.forEach((line, i) => {
    const match = UPDATE.exec(line)
    expect(match, line).not.toBeNull()
    const [crossed, entered, left, inside] = [2, 4, 5, 6].map((g) => Number(match?.[g])) as [
      number,
      number,
      number,
      number,
    ]
    expect(crossed).toBe(i + 1)
    // The camera counts every person crossing once, in or out, and keeps who is inside.
    expect(entered + left).toBe(crossed)
    expect(entered - left).toBe(inside)
    expect(match?.[7]).toMatch(/^(A->B|B->A)$/)
  })
  const row = run.stdout.split('\n').find((line) => line.startsWith('Gate Camera   '))
  expect(row?.trim().split(/\s{2,}/)).toEqual(expect.arrayContaining(['Gate Camera', '3', '0']))
  expect(row).not.toContain('-')
})
