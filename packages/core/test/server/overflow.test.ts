import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import type { LprEvent, ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

const plate = (event: ViewtronEvent) => (event as LprEvent).plateNumber
const plates = Array.from({ length: 10 }, (_, i) => `P${i}`)

async function postAll(origin: string): Promise<void> {
  const client = track(new Client(origin), (c) => c.destroy())
  for (const p of plates) {
    const res = await client.request({ path: '/API', method: 'POST', body: ipcLpr({ plate: p }) })
    expect(res.statusCode).toBe(200)
    await res.body.text()
  }
}

async function drain(events: AsyncIterableIterator<ViewtronEvent>, count: number) {
  const out: string[] = []
  for (let i = 0; i < count; i++) out.push(plate((await events.next()).value as ViewtronEvent))
  return out
}

describe('overflow policies', () => {
  it("'drop-newest' never holds a reply, keeps the first events and counts the drops", async () => {
    const { server, origin } = await startTestServer()
    const events = server.events({ highWaterMark: 3, overflow: 'drop-newest' })
    await postAll(origin)
    expect(server.stats()).toMatchObject({
      acknowledged: 10,
      drops: 7,
      queues: [{ depth: 3, drops: 7, overflow: 'drop-newest', highWaterMark: 3 }],
    })
    expect(await drain(events, 3)).toEqual(['P0', 'P1', 'P2'])
  })

  it("'drop-oldest' keeps the freshest events", async () => {
    const { server, origin } = await startTestServer({
      queue: { highWaterMark: 3, overflow: 'drop-oldest' },
    })
    const events = server.events()
    await postAll(origin)
    expect(server.stats()).toMatchObject({ drops: 7, queues: [{ depth: 3, drops: 7 }] })
    expect(await drain(events, 3)).toEqual(['P7', 'P8', 'P9'])
  })

  it('applies each policy to its own subscriber only', async () => {
    const { server, origin } = await startTestServer()
    const lossless = server.events({ highWaterMark: 100 })
    const fresh = server.events({ highWaterMark: 2, overflow: 'drop-oldest' })
    await postAll(origin)
    expect(await drain(lossless, 10)).toEqual(plates)
    expect(await drain(fresh, 2)).toEqual(['P8', 'P9'])
    expect(server.stats().queues.map((q) => q.drops)).toEqual([0, 8])
  })
})
