import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, type ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { startTestServer, teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

const plate = (event: ViewtronEvent) => (event as LprEvent).plateNumber

describe('a consumer that throws inside its for-await loop', () => {
  it('ends only its own subscription; the others and the server go on', async () => {
    const { server, origin } = await startTestServer({ queue: { highWaterMark: 2 } })
    const thrower = (async () => {
      for await (const event of server.events()) {
        if (plate(event) === 'P3') throw new Error('consumer bug')
      }
    })()
    const thrown = thrower.catch((error: unknown) => error)
    const survivor: string[] = []
    const steady = (async () => {
      for await (const event of server.events()) {
        survivor.push(plate(event))
        if (survivor.length === 20) break
      }
    })()
    expect(server.stats().queues).toHaveLength(2)
    const client = track(new Client(origin), (c) => c.destroy())
    const post = async (p: string) => {
      const res = await client.request({ path: '/API', method: 'POST', body: ipcLpr({ plate: p }) })
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
    }
    for (let i = 0; i < 5; i++) await post(`P${i}`)
    expect(await thrown).toMatchObject({ message: 'consumer bug' })
    // Leaving the loop by a throw unsubscribed it: its queue is gone and holds nothing back,
    // though it held 'block' with a high-water mark of 2.
    await waitFor(() => server.stats().queues.length === 1, 'the subscription to end')
    for (let i = 5; i < 20; i++) await post(`P${i}`)
    await steady
    expect(survivor).toEqual(Array.from({ length: 20 }, (_, i) => `P${i}`))
    expect(server.stats()).toMatchObject({ acknowledged: 20, drops: 0, errors: 0 })
  })
})
