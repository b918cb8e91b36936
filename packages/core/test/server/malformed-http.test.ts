import { afterEach, describe, expect, it, vi } from 'vitest'
import { type LprEvent, SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

const HEAD = 'POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\n'
const body = ipcLpr({ plate: 'SMUGGLED' })

/** Requests Node's HTTP parser refuses, each with what makes it malformed. */
const MALFORMED: [string, string][] = [
  [
    'a chunk size that is not hex',
    `${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
  ],
  [
    'a chunk longer than its size',
    `${HEAD}Transfer-Encoding: chunked\r\n\r\n4\r\n${body}\r\n0\r\n\r\n`,
  ],
  [
    'an overflowing chunk size',
    `${HEAD}Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n`,
  ],
  // Transfer-Encoding: chunked with a Content-Length is read (see chunked-with-content-length);
  // with anything else wrong it is still refused.
  [
    'Content-Length with a Transfer-Encoding that is not just chunked',
    `${HEAD}Content-Length: 5\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`,
  ],
  [
    'Content-Length with a chunked body whose chunk size is not hex',
    `${HEAD}Transfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
  ],
  [
    'Content-Length with a chunked body and a bare LF later in the head',
    `${HEAD}Transfer-Encoding: chunked\r\nContent-Length: 0\r\nX-A: b\n\r\n5\r\nhello\r\n0\r\n\r\n`,
  ],
  [
    'Content-Length with chunked given twice',
    `${HEAD}Transfer-Encoding: chunked\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  ],
  ['two different Content-Lengths', `${HEAD}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`],
  ['a negative Content-Length', `${HEAD}Content-Length: -1\r\n\r\n`],
  ['a non-numeric Content-Length', `${HEAD}Content-Length: 12abc\r\n\r\n`],
  ['an unknown Transfer-Encoding', `${HEAD}Transfer-Encoding: gzip\r\n\r\nxyz`],
  ['a garbage request line', 'HELLO CAMERA\r\n\r\n'],
  ['a space in a header name', `${HEAD}Content Length: 5\r\n\r\nhello`],
  ['a NUL byte in a header value', `${HEAD}X-A: a\u0000b\r\nContent-Length: 0\r\n\r\n`],
  ['an unsupported HTTP version', 'POST /API HTTP/3.7\r\nContent-Length: 0\r\n\r\n'],
]

describe('malformed HTTP', () => {
  it.each(MALFORMED)(
    'answers 400 to %s, counts it, dispatches nothing, and goes on',
    async (_, request) => {
      const callbacks = { onEvent: vi.fn(), onUnparsed: vi.fn(), onError: vi.fn() }
      const { server, port } = await startTestServer(callbacks)
      const raw = await RawConnection.open(port)
      await raw.write(request)
      const res = await raw.readResponse()
      expect(res.status).toBe(400)
      expect(res.headers.connection).toBe('close')
      await raw.waitClosed()
      await waitFor(
        () => server.stats().connections === 0 && server.stats().inFlight === 0,
        'the socket to be gone',
      )
      expect(server.stats()).toMatchObject({ rejected: { 400: 1 }, posts: 0, acknowledged: 0 })
      for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()

      // The server keeps serving, on a new connection.
      const next = await RawConnection.open(port)
      await next.write(postRequest(ipcLpr({ plate: 'AFTER' })))
      expect((await next.readResponse()).text).toBe(SUCCESS_REPLY)
      expect(callbacks.onEvent).toHaveBeenCalledTimes(1)
      expect((callbacks.onEvent.mock.calls[0]?.[0] as LprEvent | undefined)?.plateNumber).toBe(
        'AFTER',
      )
    },
  )

  it('answers the good post before a malformed one on the same socket, then closes', async () => {
    const { server, port } = await startTestServer()
    const events = server.events()
    const raw = await RawConnection.open(port)
    await raw.write(
      Buffer.concat([
        postRequest(ipcLpr({ plate: 'GOOD' })),
        Buffer.from(`${HEAD}Transfer-Encoding: chunked\r\n\r\nxyz\r\n`),
      ]),
    )
    expect((await raw.readResponse()).status).toBe(200)
    expect((await raw.readResponse()).status).toBe(400)
    await raw.waitClosed()
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('GOOD')
    await waitFor(() => server.stats().connections === 0, 'the socket to be gone')
    expect(server.stats()).toMatchObject({ acknowledged: 1, rejected: { 400: 1 } })
  })

  it('drops a chunked body that turns malformed half way: no event, counted as aborted', async () => {
    const onEvent = vi.fn()
    const { server, port } = await startTestServer({ onEvent })
    const raw = await RawConnection.open(port)
    const half = body.slice(0, 200)
    await raw.write(
      `${HEAD}Transfer-Encoding: chunked\r\n\r\n${half.length.toString(16)}\r\n${half}\r\n`,
    )
    await waitFor(() => server.stats().inFlight === 1, 'the body to be read')
    await raw.write('not-a-size\r\n')
    expect((await raw.readResponse()).status).toBe(400)
    await raw.waitClosed()
    await waitFor(() => server.stats().inFlight === 0, 'the post to end')
    expect(server.stats()).toMatchObject({ aborted: 1, posts: 0, rejected: { 400: 1 } })
    expect(onEvent).not.toHaveBeenCalled()
  })
})
