import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, type ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { chunked, postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

/** The head the vendor's Python SDK tests post: chunked, and `Content-Length: 0` beside it. */
function conflictingHead(order: 'te-first' | 'cl-first' = 'te-first'): string {
  const fields =
    order === 'te-first'
      ? 'Transfer-Encoding: chunked\r\nContent-Length: 0\r\n'
      : 'Content-Length: 0\r\nTransfer-Encoding: chunked\r\n'
  return `POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n${fields}\r\n`
}

function chunkedBody(text: string, parts = 3): Buffer {
  const bytes = Buffer.from(text, 'utf8')
  const size = Math.ceil(bytes.length / parts)
  const pieces: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size))
  return Buffer.concat(chunked(pieces))
}

async function plates(events: AsyncIterableIterator<ViewtronEvent>): Promise<string[]> {
  const out: string[] = []
  for await (const event of events) out.push((event as LprEvent).plateNumber)
  return out
}

describe('a chunked post that also carries Content-Length', () => {
  it.each(['te-first', 'cl-first'] as const)(
    'is read by its chunks, acknowledged, and its connection closed: a request pipelined behind it is never served (%s)',
    async (order) => {
      const seen: string[] = []
      const { server, port } = await startTestServer({
        onEvent: (event) => void seen.push((event as LprEvent).plateNumber),
      })
      const events = server.events()
      const conn = await RawConnection.open(port)
      await conn.write(
        Buffer.concat([
          Buffer.from(conflictingHead(order)),
          chunkedBody(ipcLpr({ plate: 'CHUNKED1' })),
          // Pipelined on the same connection, in the same write: must not be served.
          postRequest(ipcLpr({ plate: 'BEHIND1' })),
        ]),
      )
      const res = await conn.readResponse()
      expect(res.status).toBe(200)
      expect(res.text).toBe(SUCCESS_REPLY)
      expect(res.headers.connection).toBe('close')
      await conn.waitClosed()
      expect(conn.pending.length).toBe(0) // no second response
      expect(seen).toEqual(['CHUNKED1'])
      expect(server.stats()).toMatchObject({ posts: 1, acknowledged: 1 })
      expect(server.stats().rejected[400]).toBe(0)
      await server.shutdown()
      expect(await plates(events)).toEqual(['CHUNKED1'])
    },
  )

  it('reads a body that arrives in later segments, and answers after the requests before it', async () => {
    const { server, port } = await startTestServer()
    const events = server.events()
    const conn = await RawConnection.open(port)
    const body = chunkedBody(ipcLpr({ plate: 'SLOW2' }), 4)
    await conn.writeSlowly([
      Buffer.concat([postRequest(ipcLpr({ plate: 'BEFORE2' })), Buffer.from(conflictingHead())]),
      body.subarray(0, 50),
      body.subarray(50, 400),
      Buffer.concat([body.subarray(400), postRequest(ipcLpr({ plate: 'BEHIND2' }))]),
    ])
    const first = await conn.readResponse()
    expect(first.status).toBe(200)
    expect(first.headers.connection).not.toBe('close')
    const second = await conn.readResponse()
    expect(second.text).toBe(SUCCESS_REPLY)
    expect(second.headers.connection).toBe('close')
    await conn.waitClosed()
    expect(conn.pending.length).toBe(0)
    await server.shutdown()
    expect(await plates(events)).toEqual(['BEFORE2', 'SLOW2'])
  })

  it('counts a connection cut in the middle of the chunks as aborted and delivers nothing', async () => {
    const { server, port } = await startTestServer()
    const events = server.events()
    const conn = await RawConnection.open(port)
    const body = chunkedBody(ipcLpr({ plate: 'CUT3' }))
    await conn.write(Buffer.concat([Buffer.from(conflictingHead()), body.subarray(0, 100)]))
    await new Promise((resolve) => setTimeout(resolve, 50))
    conn.socket.destroy()
    await server.shutdown()
    expect(await plates(events)).toEqual([])
    expect(server.stats()).toMatchObject({ posts: 0, acknowledged: 0, aborted: 1 })
  })
})
