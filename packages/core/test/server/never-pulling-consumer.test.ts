import { afterEach, describe, expect, it } from 'vitest'
import type { LprEvent, ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

const plate = (event: ViewtronEvent) => (event as LprEvent).plateNumber

/** Opens `n` camera connections and sends one post on each; returns them with their replies. */
async function postFrom(port: number, plates: string[]) {
  return Promise.all(
    plates.map(async (p) => {
      const conn = await RawConnection.open(port)
      await conn.write(postRequest(ipcLpr({ plate: p })))
      return conn
    }),
  )
}

describe('a consumer that never pulls', () => {
  it("with 'block' holds posts at the high-water mark; return() releases them", async () => {
    const { server, port } = await startTestServer()
    const idle = server.events({ highWaterMark: 3 }) // subscribed, never read
    const conns = await postFrom(port, ['A', 'B', 'C', 'D', 'E', 'F'])
    await waitFor(() => server.stats().posts >= 3, 'the queue to fill')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const held = server.stats()
    // Two posts were acknowledged; the third filled the queue and is held with everything later.
    expect(held.acknowledged).toBe(2)
    expect(held.queues[0]?.depth).toBe(3)
    expect(held.posts).toBe(3)
    expect(held.inFlight).toBe(1) // the post that filled the queue; its reply is held
    // The three later posts wait at the gate with their bodies unread in their sockets.
    expect(held.bytes).toBe(3 * Buffer.byteLength(ipcLpr({ plate: 'A' })))

    await idle.return?.() // what `break` does
    for (const conn of conns) expect((await conn.readResponse()).status).toBe(200)
    expect(server.stats()).toMatchObject({ acknowledged: 6, inFlight: 0, queues: [], drops: 0 })
  })

  it("with 'block', aborting its signal releases the held posts", async () => {
    const { server, port } = await startTestServer()
    const controller = new AbortController()
    const idle = server.events({ highWaterMark: 1, signal: controller.signal })
    const conns = await postFrom(port, ['A', 'B', 'C'])
    await waitFor(() => server.stats().queues[0]?.depth === 1, 'the queue to fill')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.stats().acknowledged).toBe(0)
    controller.abort()
    for (const conn of conns) expect((await conn.readResponse()).status).toBe(200)
    expect(server.stats()).toMatchObject({ acknowledged: 3, inFlight: 0, queues: [] })
    await expect(idle.next()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it("with 'drop-oldest' holds nothing: every post is answered, the queue stays at its mark", async () => {
    const { server, port } = await startTestServer()
    const idle = server.events({ highWaterMark: 3, overflow: 'drop-oldest' })
    const raw = await RawConnection.open(port)
    for (let i = 0; i < 50; i++) {
      await raw.write(postRequest(ipcLpr({ plate: `P${i}` })))
      expect((await raw.readResponse()).status).toBe(200)
    }
    expect(server.stats()).toMatchObject({
      acknowledged: 50,
      inFlight: 0,
      drops: 47,
      queues: [{ depth: 3, drops: 47, overflow: 'drop-oldest' }],
    })
    const kept: string[] = []
    for (let i = 0; i < 3; i++) kept.push(plate((await idle.next()).value as ViewtronEvent))
    expect(kept).toEqual(['P47', 'P48', 'P49'])
  })
})
