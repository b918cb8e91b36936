import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, type ViewtronEvent, ViewtronServer } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const plate = (event: ViewtronEvent) => (event as LprEvent).plateNumber

async function post(client: Client, plates: string[]): Promise<void> {
  for (const p of plates) {
    const res = await client.request({ path: '/API', method: 'POST', body: ipcLpr({ plate: p }) })
    await res.body.text()
  }
}

async function take(events: AsyncIterable<ViewtronEvent>, count: number, delayMs = 0) {
  const out: string[] = []
  for await (const event of events) {
    out.push(plate(event))
    if (delayMs > 0) await sleep(delayMs)
    if (out.length === count) break
  }
  return out
}

describe('events() subscribers', () => {
  it('delivers everything, in order, to two subscribers reading at different speeds', async () => {
    const { server, origin } = await startTestServer({ queue: { highWaterMark: 4 } })
    const fast = take(server.events(), 40)
    const slow = take(server.events(), 40, 5)
    const client = track(new Client(origin), (c) => c.destroy())
    const plates = Array.from({ length: 40 }, (_, i) => `P${i}`)
    await post(client, plates)
    expect(await fast).toEqual(plates)
    expect(await slow).toEqual(plates)
    expect(server.stats().drops).toBe(0)
  })

  it('subscribes at the call, before or after listen(), each from then on', async () => {
    const server = track(new ViewtronServer({ port: 0, host: '127.0.0.1' }), (s) => s.shutdown())
    const early = server.events()
    const { port } = await server.listen()
    const client = track(new Client(`http://127.0.0.1:${port}`), (c) => c.destroy())
    await post(client, ['A'])
    const late = server.events()
    await post(client, ['B'])
    expect(await take(early, 2)).toEqual(['A', 'B'])
    expect(await take(late, 1)).toEqual(['B'])
  })

  it('works together with seed-style callbacks in one server', async () => {
    const seen: string[] = []
    const { server, origin } = await startTestServer({ onEvent: (e) => void seen.push(plate(e)) })
    const events = server.events()
    const client = track(new Client(origin), (c) => c.destroy())
    await post(client, ['X', 'Y'])
    expect(seen).toEqual(['X', 'Y'])
    expect(await take(events, 2)).toEqual(['X', 'Y'])
  })

  it('unsubscribes when its signal aborts: the loop throws the reason and the queue is gone', async () => {
    const { server, origin } = await startTestServer()
    const controller = new AbortController()
    const events = server.events({ signal: controller.signal })
    const client = track(new Client(origin), (c) => c.destroy())
    await post(client, ['A'])
    expect(server.stats().queues).toHaveLength(1)
    const reading = take(events, 5)
    await sleep(20)
    controller.abort()
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(server.stats().queues).toEqual([])
    // The server goes on without the subscriber.
    await post(client, ['B'])
    expect(server.stats().events.lpr).toBe(2)
  })

  it('ends at once for a signal that was already aborted', async () => {
    const { server } = await startTestServer()
    const events = server.events({ signal: AbortSignal.abort() })
    await expect(events.next()).rejects.toMatchObject({ name: 'AbortError' })
    expect(server.stats().queues).toEqual([])
  })
})
