import { parseEvent } from '@viewtron/core'
import { afterEach, describe, expect, it } from 'vitest'
import { PLATES } from '../src/index.js'
import { runCli } from './helpers/cli-process.js'
import { startCountingServer } from './helpers/counting-server.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

/** The LPR posts two simulated cameras send: camera 1 on API 2.1 firmware, camera 2 older. */
async function lprBodies(): Promise<string[]> {
  const server = await startCountingServer()
  // 10 kinds over 2 cameras: each camera's rotation reaches lpr within its first 6 events.
  const args = ['--mode', 'ipc', '--cameras', '2', '--count', '12', '--rate', '20']
  const run = await runCli(['simulate', '--target', server.url, ...args])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return server.posts
    .map((post) => post.body.toString())
    .filter((body) => body.includes('>VEHICE<'))
}

describe('simulated plate reads', () => {
  it('come in the API 2.1 shape from one camera and the sample shape from the other, both read right', async () => {
    const bodies = await lprBodies()
    const api21 = bodies.filter((body) => body.includes('<carAttr>'))
    const classic = bodies.filter((body) => !body.includes('<carAttr>'))
    expect(api21.length).toBeGreaterThan(0)
    expect(classic.length).toBeGreaterThan(0)
    for (const body of api21) {
      // The overview item comes first with an empty plate, as current firmware writes it.
      const first = body.indexOf('<plateNumber type="string"><![CDATA[]]></plateNumber>')
      expect(first).toBeGreaterThan(body.indexOf('<listInfo'))
      const result = parseEvent(body)
      if (result.kind !== 'event' || result.event.category !== 'lpr') throw new Error('not lpr')
      const { event } = result
      const plate = PLATES.find((p) => p.number === event.plateNumber)
      expect(plate, event.plateNumber).toBeDefined()
      expect(event.plateGroup).toBe(plate?.list ?? '')
      expect(event.plateList).toBe(plate?.list ?? null)
      expect(event.vehicle).toEqual(plate?.car)
      expect(['approach', 'away']).toContain(event.direction)
      expect(event.confidence).toBeGreaterThanOrEqual(90)
      // Overview from the first item, crop from the plate item: never swapped.
      expect(event.sourceImage?.role).toBe('source')
      expect(event.sourceImage?.width).toBeGreaterThan(event.targetImage?.width ?? Infinity)
      expect(event.getTargetImageBytes()?.length).toBeGreaterThan(0)
    }
  })
})
