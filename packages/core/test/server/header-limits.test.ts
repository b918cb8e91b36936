import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
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

/**
 * What this Node line's own HTTP parser does with more headers than `maxHeadersCount`: Node 20
 * keeps the first ones and ignores the rest, Node 22 and later refuse the request
 * (`HPE_HEADER_OVERFLOW`). Asked of a bare `node:http` server, so the test follows the line.
 */
async function nodeRefusesExtraHeaders(request: Buffer): Promise<boolean> {
  const bare = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  bare.maxHeadersCount = 4
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  try {
    const raw = await RawConnection.open((bare.address() as AddressInfo).port)
    await raw.write(request)
    const { status } = await raw.readResponse()
    expect([200, 400, 431]).toContain(status)
    return status !== 200
  } finally {
    bare.closeAllConnections()
    await new Promise((resolve) => bare.close(resolve))
  }
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

  it('follows Node on more than maxHeadersCount headers: keeps framing intact, or refuses with 431', async () => {
    const { server, port } = await startTestServer({ maxHeadersCount: 4 })
    const events = server.events()
    const headers = {
      ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`X-H${i}`, 'v'] as const)),
    }
    // Content-Length comes last, past the kept headers: where Node keeps the first headers, its
    // parser frames the body by it anyway, and the next request on the socket is read correctly.
    const body = ipcLpr({ plate: 'COUNTED' })
    const request = Buffer.concat([
      postRequest(body, { headers }),
      postRequest(ipcLpr({ plate: 'NEXT' })),
    ])
    const refused = await nodeRefusesExtraHeaders(postRequest(body, { headers }))
    const raw = await RawConnection.open(port)
    await raw.write(request)
    if (refused) {
      // Node 22+: the request is refused like headers over maxHeaderSize, counted, the socket
      // closed, and the server goes on serving.
      const res = await raw.readResponse()
      expect(res.status).toBe(431)
      expect(res.headers.connection).toBe('close')
      await raw.waitClosed()
      const next = await send(port, postRequest(ipcLpr({ plate: 'NEXT' })))
      expect(next.res.status).toBe(200)
      expect(((await events.next()).value as LprEvent).plateNumber).toBe('NEXT')
      expect(server.stats()).toMatchObject({ acknowledged: 1, posts: 1, rejected: { 431: 1 } })
      return
    }
    expect((await raw.readResponse()).status).toBe(200)
    expect((await raw.readResponse()).status).toBe(200)
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('COUNTED')
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('NEXT')
    expect(server.stats()).toMatchObject({ acknowledged: 2, rejected: { 400: 0, 431: 0 } })
  })
})
