import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import type { LprEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a slow consumer', () => {
  it('gets every acknowledged event in per-camera order while queues stay bounded', async () => {
    const highWaterMark = 4
    const cameras = 8
    const postsEach = 15
    const { server, origin } = await startTestServer({ queue: { highWaterMark } })
    const received = new Map<number, number[]>()
    let maxDepth = 0
    const consumer = (async () => {
      let count = 0
      for await (const event of server.events()) {
        maxDepth = Math.max(maxDepth, server.stats().queues[0]?.depth ?? 0)
        const [camera, index] = (event as LprEvent).plateNumber.split('-').map(Number) as [
          number,
          number,
        ]
        received.set(camera, [...(received.get(camera) ?? []), index])
        await sleep(3) // a database write, say
        if (++count === cameras * postsEach) break
      }
    })()
    const acked = new Map<number, number[]>()
    await Promise.all(
      Array.from({ length: cameras }, async (_, camera) => {
        const client = track(new Client(origin), (c) => c.destroy())
        for (let i = 0; i < postsEach; i++) {
          const res = await client.request({
            path: '/API',
            method: 'POST',
            body: ipcLpr({ plate: `${camera}-${i}` }),
          })
          await res.body.text()
          if (res.statusCode === 200) acked.set(camera, [...(acked.get(camera) ?? []), i])
        }
      }),
    )
    await consumer
    const inOrder = Array.from({ length: postsEach }, (_, i) => i)
    for (let camera = 0; camera < cameras; camera++) {
      expect(acked.get(camera)).toEqual(inOrder)
      expect(received.get(camera)).toEqual(inOrder)
    }
    // At most the high-water mark plus one held post per connection is ever queued.
    expect(maxDepth).toBeLessThanOrEqual(highWaterMark + cameras)
    expect(server.stats()).toMatchObject({ acknowledged: cameras * postsEach, drops: 0 })
  })
})
