import { afterEach, describe, expect, it } from 'vitest'
import { SUCCESS_REPLY, type UnparsedInfo, type ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

function head(length: number): string {
  return `POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`
}

describe('Expect: 100-continue', () => {
  it('sends 100 Continue, then reads the body and acknowledges it', async () => {
    const events: ViewtronEvent[] = []
    const { port } = await startTestServer({ onEvent: (event) => void events.push(event) })
    const body = Buffer.from(ipcLpr({ plate: 'CONT1' }))
    const raw = await RawConnection.open(port)
    await raw.write(head(body.length))
    const interim = await raw.readResponse()
    expect(interim.status).toBe(100)
    expect(events).toHaveLength(0)
    await raw.write(body)
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.text).toBe(SUCCESS_REPLY)
    expect(events).toMatchObject([{ plateNumber: 'CONT1' }])
    expect(raw.closed).toBe(false)
  })

  it('refuses an oversized declared body with 413 instead of 100, reads nothing and closes', async () => {
    const unparsed: UnparsedInfo[] = []
    const { port, server } = await startTestServer({
      maxBodyBytes: 4096,
      onUnparsed: (info) => void unparsed.push(info),
    })
    const raw = await RawConnection.open(port)
    await raw.write(head(4097))
    const res = await raw.readResponse()
    expect(res.status).toBe(413)
    expect(res.headers.connection).toBe('close')
    await raw.waitClosed()
    expect(raw.pending.length).toBe(0) // no 100 Continue came before or after
    expect(server.stats()).toMatchObject({ bytes: 0, posts: 0, rejected: { 413: 1 } })
    expect(unparsed).toMatchObject([{ clientIp: '127.0.0.1', reason: 'too-large' }])
  })

  it('accepts a declared body of exactly maxBodyBytes', async () => {
    const body = Buffer.from(ipcLpr())
    const { port, server } = await startTestServer({ maxBodyBytes: body.length })
    const raw = await RawConnection.open(port)
    await raw.write(head(body.length))
    expect((await raw.readResponse()).status).toBe(100)
    await raw.write(body)
    expect((await raw.readResponse()).status).toBe(200)
    expect(server.stats().events.lpr).toBe(1)
  })
})
