import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

async function send(port: number, request: string | Buffer) {
  const raw = await RawConnection.open(port)
  await raw.write(request)
  const res = await raw.readResponse()
  return { raw, res }
}

describe('header limits', () => {
  it('answers 431 to headers over maxHeaderSize (16 KiB by default), counts it, and goes on', async () => {
    const { server, port } = await startTestServer()
    const { raw, res } = await send(
      port,
      postRequest(ipcLpr(), { headers: { 'X-Padding': 'a'.repeat(17 * 1024) } }),
    )
    expect(res.status).toBe(431)
    expect(res.headers.connection).toBe('close')
    await raw.waitClosed()
    const ok = await send(
      port,
      postRequest(ipcLpr(), { headers: { 'X-Padding': 'a'.repeat(15 * 1024) } }),
    )
    expect(ok.res.text).toBe(SUCCESS_REPLY)
    expect(server.stats()).toMatchObject({ rejected: { 431: 1 }, posts: 1 })
  })

  it('applies a configured maxHeaderSize, also to many small headers', async () => {
    const { server, port } = await startTestServer({ maxHeaderSize: 2048 })
    const many = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`X-H${i}`, 'value'] as const),
    )
    const { res } = await send(port, postRequest(ipcLpr(), { headers: many }))
    expect(res.status).toBe(431)
    const { res: long } = await send(
      port,
      `POST /${'a'.repeat(3000)} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`,
    )
    expect(long.status).toBe(431) // the request line counts too
    expect(server.stats()).toMatchObject({ rejected: { 431: 2 }, posts: 0 })
  })

  it('keeps only maxHeadersCount headers and still frames the body correctly', async () => {
    const { server, port } = await startTestServer({ maxHeadersCount: 4 })
    const events = server.events()
    const headers = {
      ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`X-H${i}`, 'v'] as const)),
    }
    // Content-Length comes last, past the kept headers: Node's parser frames the body by it
    // anyway, and the next request on the socket is read correctly.
    const body = ipcLpr({ plate: 'COUNTED' })
    const request = Buffer.concat([
      postRequest(body, { headers }),
      postRequest(ipcLpr({ plate: 'NEXT' })),
    ])
    const raw = await RawConnection.open(port)
    await raw.write(request)
    expect((await raw.readResponse()).status).toBe(200)
    expect((await raw.readResponse()).status).toBe(200)
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('COUNTED')
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('NEXT')
    expect(server.stats()).toMatchObject({ acknowledged: 2, rejected: { 400: 0, 431: 0 } })
  })
})
