import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { SUCCESS_REPLY, type UnparsedInfo, type ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { chunked, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

const LIMIT = 4096

describe('bodies over maxBodyBytes', () => {
  it('answers 413 to a Content-Length over the limit without reading the body, and closes', async () => {
    const unparsed: UnparsedInfo[] = []
    const { port, server, url } = await startTestServer({
      maxBodyBytes: LIMIT,
      onUnparsed: (info) => void unparsed.push(info),
    })
    const raw = await RawConnection.open(port)
    // The client starts sending a 10 MB body right away, as a camera would.
    await raw.write(
      `POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`,
    )
    void raw.write(Buffer.alloc(64 * 1024, 'A')).catch(() => undefined)
    const res = await raw.readResponse()
    expect(res.status).toBe(413)
    expect(res.headers.connection).toBe('close')
    await raw.waitClosed()
    expect(server.stats()).toMatchObject({ bytes: 0, posts: 0, rejected: { 413: 1 } })
    expect(unparsed).toMatchObject([{ reason: 'too-large' }])
    // The server goes on serving.
    const ok = await request(url, { method: 'POST', body: ipcLpr() })
    expect(await ok.body.text()).toBe(SUCCESS_REPLY)
  })

  it('answers 413 to a chunked body once it crosses the limit, closes, and dispatches nothing', async () => {
    const events: ViewtronEvent[] = []
    const unparsed: UnparsedInfo[] = []
    const { port, server } = await startTestServer({
      maxBodyBytes: LIMIT,
      onEvent: (event) => void events.push(event),
      onUnparsed: (info) => void unparsed.push(info),
    })
    const body = Buffer.from(ipcLpr({ crop: 'QUJD'.repeat(3000) }))
    expect(body.length).toBeGreaterThan(3 * LIMIT)
    const parts = [body.subarray(0, 3000), body.subarray(3000, 6000), body.subarray(6000)]
    const raw = await RawConnection.open(port)
    await raw.write('POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n')
    const wire = chunked(parts)
    await raw.writeSlowly(wire.slice(0, 2))
    const res = await raw.readResponse()
    expect(res.status).toBe(413)
    await raw.waitClosed()
    const stats = server.stats()
    expect(stats.bytes).toBeGreaterThan(LIMIT)
    expect(stats.bytes).toBeLessThanOrEqual(6000)
    expect(stats).toMatchObject({ posts: 0, rejected: { 413: 1 }, unparsed: { 'too-large': 1 } })
    expect(events).toHaveLength(0)
    expect(unparsed).toMatchObject([{ reason: 'too-large' }])
  })
})
