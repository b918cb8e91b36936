import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('a client that disconnects mid-body', () => {
  it('costs nothing: no callback, no event, no file, no socket left, and the server goes on', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-disconnect-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const callbacks = {
      onEvent: vi.fn(),
      onRaw: vi.fn(),
      onUnparsed: vi.fn(),
      onConnect: vi.fn(),
      onError: vi.fn(),
    }
    const { port, server, url } = await startTestServer({ images: { dir }, ...callbacks })
    const subscriber = server.events()
    // A long image so the cut lands inside it, after the image file was opened.
    const body = Buffer.from(ipcLpr({ crop: TINY_JPEG_BASE64.repeat(200) }))
    const cut = body.indexOf(TINY_JPEG_BASE64) + 8000
    const raw = await RawConnection.open(port)
    await raw.write(
      `POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    await raw.write(body.subarray(0, cut))
    // The partial image is already being written to its file when the client goes away.
    await waitFor(() => readdirSync(dir).length === 1, 'the image file to be opened')
    expect(server.stats().inFlight).toBe(1)
    raw.socket.destroy()

    await waitFor(() => server.stats().aborted === 1, 'the abort to be noticed')
    await waitFor(
      () => server.stats().connections === 0 && server.stats().inFlight === 0,
      'nothing left',
    )
    const stats = server.stats()
    expect(stats.bytes).toBe(cut)
    expect(stats).toMatchObject({ posts: 0, acknowledged: 0, queues: [{ depth: 0 }] })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    expect(readdirSync(dir)).toEqual([])
    expect(server.cameras.size).toBe(0)

    const res = await request(url, { method: 'POST', body })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
    const next = await subscriber.next()
    expect(next.done).toBe(false)
    expect(readdirSync(dir)).toHaveLength(1)
  })

  it('mid-XML (Content-Length body): nothing dispatched, counted as aborted', async () => {
    const callbacks = { onEvent: vi.fn(), onUnparsed: vi.fn(), onError: vi.fn() }
    const { port, server, url } = await startTestServer(callbacks)
    const body = Buffer.from(ipcLpr({ plate: 'CUT' }))
    const raw = await RawConnection.open(port)
    await raw.write(
      `POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    await raw.write(body.subarray(0, body.indexOf('CUT'))) // cut before the plate
    await waitFor(() => server.stats().inFlight === 1, 'the body to be read')
    raw.socket.destroy()
    await waitFor(() => server.stats().aborted === 1, 'the abort to be noticed')
    await waitFor(() => server.stats().connections === 0, 'the socket to be gone')
    expect(server.stats()).toMatchObject({ posts: 0, acknowledged: 0, inFlight: 0 })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    const res = await request(url, { method: 'POST', body })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
    expect(callbacks.onEvent).toHaveBeenCalledTimes(1)
  })

  it('mid-chunk (chunked body cut inside a chunk): nothing dispatched, no file, counted', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-disconnect-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const callbacks = { onEvent: vi.fn(), onUnparsed: vi.fn(), onError: vi.fn() }
    const { port, server, url } = await startTestServer({ images: { dir }, ...callbacks })
    const body = Buffer.from(ipcLpr({ crop: TINY_JPEG_BASE64.repeat(200) }))
    const first = body.subarray(0, body.indexOf(TINY_JPEG_BASE64) + 4000)
    const raw = await RawConnection.open(port)
    await raw.write('POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n')
    await raw.write(
      Buffer.concat([Buffer.from(`${first.length.toString(16)}\r\n`), first, Buffer.from('\r\n')]),
    )
    // The second chunk announces 0x8000 bytes; a few hundred arrive, then the client is gone.
    await raw.write(
      Buffer.concat([Buffer.from('8000\r\n'), body.subarray(first.length, first.length + 300)]),
    )
    await waitFor(() => readdirSync(dir).length === 1, 'the image file to be opened')
    await new Promise((resolve) => setTimeout(resolve, 50)) // let the partial chunk be read
    raw.socket.destroy()
    await waitFor(() => server.stats().aborted === 1, 'the abort to be noticed')
    await waitFor(
      () => server.stats().connections === 0 && server.stats().inFlight === 0,
      'nothing left',
    )
    expect(readdirSync(dir)).toEqual([])
    expect(server.stats()).toMatchObject({
      bytes: first.length + 300, // read up to the cut, in the middle of the second chunk
      posts: 0,
      acknowledged: 0,
      rejected: { 400: 0 },
    })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    const res = await request(url, { method: 'POST', body })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
    expect(callbacks.onEvent).toHaveBeenCalledTimes(1)
  })
})
