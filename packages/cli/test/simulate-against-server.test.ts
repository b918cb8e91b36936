import { ViewtronServer } from '@viewtron/core'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli-process.js'
import { teardown, track } from './helpers/teardown.js'

afterEach(teardown)

describe('viewtron simulate against a ViewtronServer', () => {
  it('has every post acknowledged, with real images, in mixed mode', async () => {
    const server = track(
      new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'discard' }),
      (s) => s.shutdown(),
    )
    const events = server.events({ overflow: 'drop-oldest' })
    const seen: string[] = []
    const reading = (async () => {
      for await (const event of events) seen.push(event.category)
    })()
    const { port } = await server.listen()
    const run = await runCli([
      'simulate',
      '--target',
      `http://127.0.0.1:${port}/API`,
      '--cameras',
      '4',
      '--duration',
      '2',
      '--rate',
      '3',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const stats = server.stats()
    expect(run.stdout).toContain(`acknowledged  ${stats.acknowledged}\n`)
    expect(run.stdout).toContain('failed        0\n')
    expect(stats.posts).toBe(stats.acknowledged)
    expect(stats.keepalives).toBe(4)
    expect(Object.values(stats.unparsed).every((n) => n === 0)).toBe(true)
    expect(stats.bytes).toBeGreaterThan(5_000_000)
    await server.shutdown()
    await reading
    expect(new Set(seen)).toEqual(
      new Set(['lpr', 'face', 'intrusion', 'counting', 'metadata', 'traject', 'other']),
    )
  })
})
