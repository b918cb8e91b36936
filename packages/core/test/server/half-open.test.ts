import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type LprEvent, SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

/** Ends the client's write side (TCP FIN) and leaves its read side open. */
function halfClose(raw: RawConnection): Promise<void> {
  return new Promise((resolve) => raw.socket.end(resolve))
}

describe('half-open sockets (the client ends its write side)', () => {
  it('still answers a complete request, then closes', async () => {
    const { server, port } = await startTestServer({
      onEvent: async () => {
        // A slow callback: the reply comes well after the client's FIN.
        await new Promise((resolve) => setTimeout(resolve, 100))
      },
    })
    const events = server.events()
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(ipcLpr({ plate: 'FIN' })))
    await halfClose(raw)
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.text).toBe(SUCCESS_REPLY)
    await raw.waitClosed()
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('FIN')
    await waitFor(() => server.stats().connections === 0, 'the socket to close')
    expect(server.stats()).toMatchObject({ acknowledged: 1, aborted: 0 })
  })

  it('answers 400 and closes when the headers were cut off by the FIN', async () => {
    const { server, port } = await startTestServer()
    const raw = await RawConnection.open(port)
    await raw.write('POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le')
    await halfClose(raw)
    const res = await raw.readResponse()
    expect(res.status).toBe(400)
    await raw.waitClosed()
    await waitFor(() => server.stats().connections === 0, 'the socket to close')
    // The client left half way: answered, but not counted as a refusal.
    expect(server.stats()).toMatchObject({ rejected: { 400: 0 }, posts: 0 })
  })

  it('drops a body cut off by the FIN: no event, no file, the socket closed, counted', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-halfopen-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const callbacks = { onEvent: vi.fn(), onUnparsed: vi.fn(), onError: vi.fn() }
    const { server, port } = await startTestServer({ images: { dir }, ...callbacks })
    const body = Buffer.from(ipcLpr({ crop: TINY_JPEG_BASE64.repeat(100) }))
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(body).subarray(0, -body.length / 2))
    await waitFor(() => server.stats().inFlight === 1, 'the body to be read')
    await halfClose(raw)
    const res = await raw.readResponse()
    expect(res.status).toBe(400) // Node's parser: the body ended early
    await raw.waitClosed()
    await waitFor(
      () => server.stats().connections === 0 && server.stats().inFlight === 0,
      'nothing left',
    )
    expect(server.stats()).toMatchObject({ aborted: 1, posts: 0, rejected: { 400: 0 } })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    expect(readdirSync(dir)).toEqual([])
  })

  it('closes an idle keep-alive socket whose client half-closed', async () => {
    const { server, port } = await startTestServer()
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(''))
    expect((await raw.readResponse()).status).toBe(200)
    await halfClose(raw)
    await raw.waitClosed()
    await waitFor(() => server.stats().connections === 0, 'the socket to close')
    expect(server.stats().rejected[400]).toBe(0)
  })
})
