import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type LprEvent,
  SUCCESS_REPLY,
  type ViewtronEvent,
  ViewtronServer,
} from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

const plate = (event: ViewtronEvent) => (event as LprEvent).plateNumber

/** Reads a subscription to its end, as a `for await` loop that ends normally. */
async function readAll(events: AsyncIterable<ViewtronEvent>): Promise<string[]> {
  const out: string[] = []
  for await (const event of events) out.push(plate(event))
  return out
}

function sockets(): number {
  return process
    .getActiveResourcesInfo()
    .filter((name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap').length
}

describe('shutdown()', () => {
  it('finishes posts in flight, answers later posts 503, and delivers every acknowledged event', async () => {
    const baseline = sockets()
    const { server, port } = await startTestServer()
    const fast = readAll(server.events())
    // A high-water mark of 2 lets both bodies below be read at once (with 1 the second would wait
    // for the first to be queued: bodies being read count against the mark).
    const slow = readAll(
      (async function* () {
        for await (const event of server.events({ highWaterMark: 2 })) {
          await new Promise((resolve) => setTimeout(resolve, 20))
          yield event
        }
      })(),
    )

    const idle = await RawConnection.open(port)
    await idle.write(postRequest(ipcLpr({ plate: 'EARLY' })))
    expect((await idle.readResponse()).status).toBe(200)

    // Two posts whose bodies are half received when shutdown starts.
    const bodies = ['FLIGHT1', 'FLIGHT2'].map((p) => postRequest(ipcLpr({ plate: p })))
    const inFlight = await Promise.all(bodies.map(() => RawConnection.open(port)))
    for (const [i, conn] of inFlight.entries()) await conn.write(bodies[i]!.subarray(0, 300))
    await waitFor(() => server.stats().inFlight === 2, 'both bodies to be read')

    const done = server.shutdown()
    expect(server.shutdown()).toBe(done)
    await idle.waitClosed() // idle keep-alive sockets are closed at once
    await expect(
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket))
        socket.once('error', reject)
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    // The first finishes and pipelines another post, which arrived after shutdown began.
    const [first, second] = inFlight as [RawConnection, RawConnection]
    await first.write(
      Buffer.concat([bodies[0]!.subarray(300), postRequest(ipcLpr({ plate: 'AFTER' }))]),
    )
    const ok = await first.readResponse()
    expect(ok.status).toBe(200)
    expect(ok.text).toBe(SUCCESS_REPLY)
    expect(ok.headers.connection).toBe('close')
    // After a `Connection: close` reply nothing more is sent on that socket: the late post is
    // never acknowledged, and the device sends it again once it reconnects.
    await first.waitClosed()
    expect(first.pending.length).toBe(0)
    await second.write(bodies[1]!.subarray(300))
    expect((await second.readResponse()).status).toBe(200)
    await second.waitClosed()

    await done
    const expected = ['EARLY', 'FLIGHT1', 'FLIGHT2']
    expect(await fast).toEqual(expected)
    expect(await slow).toEqual(expected)
    expect(server.stats()).toMatchObject({ acknowledged: 3, connections: 0, inFlight: 0 })
    expect(sockets()).toBe(baseline)
  })

  it('answers 503 and closes when a new post arrives on a busy socket after shutdown began', async () => {
    const { server, port } = await startTestServer()
    const events = server.events({ highWaterMark: 1 })
    const raw = await RawConnection.open(port)
    // The first post fills the queue and is held; the second waits behind it on the socket.
    await raw.write(postRequest(ipcLpr({ plate: 'HELD' })))
    await waitFor(() => server.stats().queues[0]?.depth === 1, 'the held post')
    await raw.write(postRequest(ipcLpr({ plate: 'LATE' })))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const done = server.shutdown()
    const held = await raw.readResponse()
    expect(held.status).toBe(200)
    expect(held.headers.connection).toBe('close')
    await raw.waitClosed()
    expect(raw.pending.length).toBe(0) // LATE got no reply, least of all a 200
    await done
    expect(await readAll(events)).toEqual(['HELD'])
    expect(server.stats().events.lpr).toBe(1)
  })

  it('gets 503 for a post whose headers came in while a subscriber held the socket', async () => {
    const { server, port } = await startTestServer()
    server.events({ highWaterMark: 1 })
    const filler = await RawConnection.open(port)
    await filler.write(postRequest(ipcLpr({ plate: 'FILL' })))
    await waitFor(() => server.stats().queues[0]?.depth === 1, 'the queue to fill')
    // This post waits at the gate with its body unread.
    const waiting = await RawConnection.open(port)
    await waiting.write(postRequest(ipcLpr({ plate: 'GATE' })))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const done = server.shutdown()
    expect((await waiting.readResponse()).status).toBe(503)
    expect((await filler.readResponse()).status).toBe(200)
    await done
    expect(server.stats()).toMatchObject({ rejected: { 503: 1 }, events: { lpr: 1 } })
  })

  it('can be called from inside onEvent', async () => {
    const holder: { server?: ViewtronServer } = {}
    const { server, port } = await startTestServer({
      onEvent: () => void holder.server?.shutdown(),
    })
    holder.server = server
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(ipcLpr()))
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.headers.connection).toBe('close')
    await server.shutdown()
    expect(server.stats().connections).toBe(0)
  })

  it('works before listen(), is idempotent, and ends subscriptions; listen() then rejects', async () => {
    const server = new ViewtronServer({ port: 0 })
    const events = server.events()
    await server.shutdown()
    await server.shutdown()
    expect(await events.next()).toEqual({ done: true, value: undefined })
    expect(await server.events().next()).toEqual({ done: true, value: undefined })
    await expect(server.listen()).rejects.toThrow(/shutdown/)
  })

  it('leaves no server, socket or timer behind', async () => {
    const baseline = process.getActiveResourcesInfo().length
    const server = new ViewtronServer({ port: 0, host: '127.0.0.1' })
    const { port } = await server.listen()
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(''))
    await raw.readResponse()
    await server.shutdown()
    await raw.waitClosed()
    await new Promise((resolve) => setImmediate(resolve))
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(baseline)
  })
})
