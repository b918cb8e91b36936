import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Short settings so the tests take a second, not minutes; the defaults are 60 s and 300 s.
const FAST = { headersTimeout: 400, requestTimeout: 1200, connectionsCheckingInterval: 50 }

/** Writes `data` one byte at a time every `everyMs` until the socket closes; returns bytes sent. */
async function trickle(
  raw: RawConnection,
  data: string | Buffer,
  everyMs: number,
): Promise<number> {
  const bytes = Buffer.from(data)
  let sent = 0
  while (sent < bytes.length && !raw.closed && !raw.socket.destroyed) {
    raw.socket.write(bytes.subarray(sent, sent + 1))
    sent++
    await sleep(everyMs)
  }
  return sent
}

describe('slow senders', () => {
  it('answers 408 and closes a client that trickles its headers (slowloris)', async () => {
    const { server, port } = await startTestServer(FAST)
    const raw = await RawConnection.open(port)
    const started = Date.now()
    const sending = trickle(raw, postRequest(ipcLpr()), 20)
    // Others are served meanwhile.
    const other = await RawConnection.open(port)
    await other.write(postRequest(''))
    expect((await other.readResponse()).text).toBe(SUCCESS_REPLY)
    other.socket.destroy()
    const res = await raw.readResponse(5000)
    expect(res.status).toBe(408)
    expect(res.headers.connection).toBe('close')
    await raw.waitClosed()
    const elapsed = Date.now() - started
    const sent = await sending
    expect(elapsed).toBeGreaterThanOrEqual(FAST.headersTimeout - 50)
    expect(elapsed).toBeLessThan(FAST.headersTimeout + 1000)
    expect(sent).toBeLessThan(100) // far from the end of its headers
    await waitFor(() => server.stats().connections === 0, 'the socket to be gone')
    expect(server.stats()).toMatchObject({ rejected: { 408: 1 }, posts: 1, aborted: 0 })
  })

  it('closes a connection that never sends a byte after headersTimeout', async () => {
    const { server, port } = await startTestServer(FAST)
    const raw = await RawConnection.open(port)
    await waitFor(() => server.stats().connections === 1, 'the connection')
    const res = await raw.readResponse(3000)
    expect(res.status).toBe(408)
    await raw.waitClosed()
    await waitFor(() => server.stats().connections === 0, 'the socket to be gone')
    expect(server.stats().rejected[408]).toBe(1)
  })

  it('answers 408 to a body that trickles past requestTimeout: no event, no file, nothing left', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-slow-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const callbacks = { onEvent: vi.fn(), onUnparsed: vi.fn(), onError: vi.fn() }
    const { server, port } = await startTestServer({ ...FAST, images: { dir }, ...callbacks })
    const body = Buffer.from(ipcLpr({ crop: TINY_JPEG_BASE64.repeat(50) }))
    const request = postRequest(body)
    const raw = await RawConnection.open(port)
    // Headers and the start of the image at once, then a byte every 20 ms.
    const head = request.length - body.length + body.indexOf(TINY_JPEG_BASE64) + 400
    await raw.write(request.subarray(0, head))
    await waitFor(() => readdirSync(dir).length === 1, 'the image file to be opened')
    const sending = trickle(raw, request.subarray(head), 20)
    const res = await raw.readResponse(5000)
    expect(res.status).toBe(408)
    await raw.waitClosed()
    await sending
    await waitFor(
      () => server.stats().connections === 0 && server.stats().inFlight === 0,
      'nothing left',
    )
    expect(server.stats()).toMatchObject({ rejected: { 408: 1 }, aborted: 1, posts: 0 })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    expect(readdirSync(dir)).toEqual([])
  })

  it('never times out an idle keep-alive camera between heartbeats, nor a post held by a full queue', async () => {
    const { server, port } = await startTestServer({ ...FAST, keepAliveTimeout: 10_000 })
    const events = server.events({ highWaterMark: 1 })
    const camera = await RawConnection.open(port)
    await camera.write(postRequest(''))
    expect((await camera.readResponse()).status).toBe(200)
    await sleep(FAST.headersTimeout * 3) // idle, as between heartbeats
    expect(camera.closed).toBe(false)
    // The queue fills with this post: its body is in, its reply held past requestTimeout.
    await camera.write(postRequest(ipcLpr({ plate: 'HELD' })))
    await waitFor(() => server.stats().posts === 2, 'the held post')
    await sleep(FAST.requestTimeout + 300)
    expect(camera.closed).toBe(false)
    expect(server.stats().acknowledged).toBe(1)
    await events.next()
    expect((await camera.readResponse()).status).toBe(200)
    expect(server.stats()).toMatchObject({ acknowledged: 2, rejected: { 408: 0 } })
  })
})
