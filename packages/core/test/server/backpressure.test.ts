import { randomBytes } from 'node:crypto'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { retained } from '../helpers/memory.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves once `read()` stops changing for `quietMs`. */
async function settled(read: () => number, quietMs = 400): Promise<number> {
  let last = read()
  for (;;) {
    await sleep(quietMs)
    const now = read()
    if (now === last) return now
    last = now
  }
}

describe('backpressure with overflow "block"', () => {
  it('holds the reply of the post that filled the queue until the subscriber reads', async () => {
    const { server, port } = await startTestServer({ queue: { highWaterMark: 2 } })
    const events = server.events()
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(ipcLpr({ plate: 'A' })))
    expect((await raw.readResponse()).status).toBe(200) // depth 1 < 2: acknowledged
    await raw.write(postRequest(ipcLpr({ plate: 'B' })))
    // Depth 2 = highWaterMark: the event is queued but its reply is held.
    await waitFor(() => server.stats().queues[0]?.depth === 2, 'the second event to queue')
    await expect(raw.readResponse(300)).rejects.toThrow(/timed out/)
    expect(server.stats()).toMatchObject({ posts: 2, acknowledged: 1, inFlight: 1 })
    const first = await events.next()
    expect((first.value as LprEvent).plateNumber).toBe('A')
    const res = await raw.readResponse()
    expect(res.text).toBe(SUCCESS_REPLY)
    expect(server.stats().acknowledged).toBe(2)
  })

  it('reads no further request bodies while a queue is full, yet answers empty heartbeats', async () => {
    const { server, port } = await startTestServer({ queue: { highWaterMark: 1 } })
    const events = server.events()
    const camera = await RawConnection.open(port)
    await camera.write(postRequest(ipcLpr({ plate: 'FULL' })))
    await waitFor(() => server.stats().queues[0]?.depth === 1, 'the queue to fill')
    const bytesWhenFull = server.stats().bytes

    const other = await RawConnection.open(port)
    const pending = ipcLpr({ plate: 'WAITING' })
    await other.write(postRequest(pending))
    const heartbeat = await RawConnection.open(port)
    await heartbeat.write(postRequest(''))
    expect((await heartbeat.readResponse()).status).toBe(200)
    await sleep(200)
    // The other post's body sits unread in its socket: no bytes counted, nothing parsed.
    expect(server.stats()).toMatchObject({ bytes: bytesWhenFull, posts: 2, inFlight: 1 })

    const plates: string[] = []
    for (let i = 0; i < 2; i++) plates.push(((await events.next()).value as LprEvent).plateNumber)
    expect(plates).toEqual(['FULL', 'WAITING'])
    expect((await camera.readResponse()).status).toBe(200)
    expect((await other.readResponse()).status).toBe(200)
    expect(server.stats().bytes).toBe(bytesWhenFull + Buffer.byteLength(pending))
  })

  it('lets one held body in per slot that frees, oldest first, counting bodies being read', async () => {
    const { server, port } = await startTestServer({ queue: { highWaterMark: 2 } })
    const events = server.events()
    const first = await RawConnection.open(port)
    await first.write(postRequest(ipcLpr({ plate: 'A' })))
    expect((await first.readResponse()).status).toBe(200)
    await first.write(postRequest(ipcLpr({ plate: 'B' })))
    await waitFor(() => server.stats().queues[0]?.depth === 2, 'the queue to fill')
    const bytesWhenFull = server.stats().bytes

    // Four more cameras post while the queue is full, one after another.
    const plates = ['C', 'D', 'E', 'F']
    const bodies = plates.map((plate) => ipcLpr({ plate }))
    const held: RawConnection[] = []
    for (const body of bodies) {
      const conn = await RawConnection.open(port)
      await conn.write(postRequest(body))
      held.push(conn)
      // Its headers are parsed and it waits (the order of arrival is the order of admission).
      await sleep(30)
    }
    expect(server.stats().bytes).toBe(bytesWhenFull)

    // One event read frees one slot: B is acknowledged and exactly one held body (C) is read.
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('A')
    expect((await first.readResponse()).status).toBe(200)
    await waitFor(() => server.stats().queues[0]?.depth === 2, 'the queue to fill again')
    await sleep(200)
    expect(server.stats().bytes).toBe(bytesWhenFull + Buffer.byteLength(bodies[0]!))
    expect(server.stats().queues[0]?.depth).toBe(2)

    // Reading on lets the rest in, in the order they arrived; everything is acknowledged.
    const seen: string[] = []
    for (let i = 0; i < 5; i++) seen.push(((await events.next()).value as LprEvent).plateNumber)
    expect(seen).toEqual(['B', 'C', 'D', 'E', 'F'])
    for (const conn of held) expect((await conn.readResponse()).status).toBe(200)
    expect(server.stats()).toMatchObject({ acknowledged: 6, drops: 0, inFlight: 0 })
  })

  it('does not keep a slot for a held post whose device left before it was let in', async () => {
    const { server, port } = await startTestServer({ queue: { highWaterMark: 1 } })
    const events = server.events()
    const first = await RawConnection.open(port)
    await first.write(postRequest(ipcLpr({ plate: 'FULL' })))
    await waitFor(() => server.stats().queues[0]?.depth === 1, 'the queue to fill')
    // One device gives up while held, half way through its body; another waits behind it.
    const leaving = await RawConnection.open(port)
    await leaving.write(postRequest(ipcLpr({ plate: 'GONE' })).subarray(0, 400))
    await sleep(30)
    const staying = await RawConnection.open(port)
    await staying.write(postRequest(ipcLpr({ plate: 'STAYS' })))
    await sleep(30)
    leaving.socket.destroy()
    await sleep(30)

    // The freed slot goes to the device that left, finds it gone, and passes on at once.
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('FULL')
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('STAYS')
    expect((await staying.readResponse()).status).toBe(200)
    await waitFor(() => server.stats().inFlight === 0, 'nothing left in flight')
    expect(server.stats()).toMatchObject({ posts: 2, aborted: 1 })
    // The slot count is whole again: the next post is read and queued as usual.
    await staying.write(postRequest(ipcLpr({ plate: 'NEXT' })))
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('NEXT')
    expect((await staying.readResponse()).status).toBe(200)
  })

  it('releases a held post at once when its subscriber breaks out of the loop', async () => {
    const { server, port } = await startTestServer({ queue: { highWaterMark: 1 } })
    const raw = await RawConnection.open(port)
    const seen: string[] = []
    const loop = (async () => {
      for await (const event of server.events()) {
        seen.push((event as LprEvent).plateNumber)
        await sleep(100)
        break
      }
    })()
    await raw.write(postRequest(ipcLpr({ plate: 'ONE' })))
    expect((await raw.readResponse()).status).toBe(200)
    await raw.write(postRequest(ipcLpr({ plate: 'TWO' })))
    // TWO is held (the loop is busy with ONE); leaving the loop unsubscribes and releases it.
    expect((await raw.readResponse()).status).toBe(200)
    await loop
    expect(seen).toEqual(['ONE'])
    expect(server.stats().queues).toEqual([])
  })

  it('keeps memory bounded with a stalled consumer and 50 connections posting images', async () => {
    const highWaterMark = 16
    const connections = 50
    const postsEach = 12
    const { server, origin } = await startTestServer({ queue: { highWaterMark } })
    // ~256 KB of base64 per post: unbounded, 50 × 12 posts would hold ~115 MB of decoded images.
    // One body per connection, its plate patched in place (fixed width) before each post.
    const template = Buffer.from(
      ipcLpr({ plate: 'C00-00', crop: randomBytes(192 * 1024).toString('base64') }),
    )
    const plateAt = template.indexOf('C00-00')
    const bodies = Array.from({ length: connections }, () => Buffer.from(template))
    const stalled = server.events()
    const before = await retained()

    let acknowledged = 0
    const clients = Array.from({ length: connections }, () =>
      track(new Client(origin, { headersTimeout: 0, bodyTimeout: 0 }), (c) => c.destroy()),
    )
    const load = clients.map(async (client, n) => {
      const body = bodies[n] as Buffer
      for (let i = 0; i < postsEach; i++) {
        body.write(`C${String(n).padStart(2, '0')}-${String(i).padStart(2, '0')}`, plateAt)
        const res = await client.request({ path: '/API', method: 'POST', body })
        await res.body.text()
        acknowledged++
      }
    })

    await waitFor(
      () => (server.stats().queues[0]?.depth ?? 0) >= highWaterMark,
      'the stalled queue to fill',
      20_000,
    )
    const ackedWhileStalled = await settled(() => acknowledged)
    const stats = server.stats()
    const growth = (await retained()) - before
    // Each post the subscriber has not read holds its reply; only posts that left room are acked.
    expect(ackedWhileStalled).toBeLessThanOrEqual(highWaterMark + connections)
    expect(ackedWhileStalled).toBeGreaterThanOrEqual(highWaterMark - 1)
    expect(stats.queues[0]?.depth).toBeLessThanOrEqual(highWaterMark + connections)
    expect(stats.inFlight).toBeLessThanOrEqual(connections)
    // Queued and in-flight images come to a few MB; the margin is generous, far below unbounded.
    expect(growth).toBeLessThan(40 * 1024 * 1024)

    // Now consume: every post is delivered, each connection's posts in order, all acknowledged.
    const next = new Map<number, number>()
    let received = 0
    for await (const event of stalled) {
      const [client, index] = (event as LprEvent).plateNumber.slice(1).split('-').map(Number)
      expect(index).toBe(next.get(client as number) ?? 0)
      next.set(client as number, (index as number) + 1)
      if (++received === connections * postsEach) break
    }
    await Promise.all(load)
    expect(acknowledged).toBe(connections * postsEach)
    expect(server.stats()).toMatchObject({ drops: 0, acknowledged: connections * postsEach })
  })
})
