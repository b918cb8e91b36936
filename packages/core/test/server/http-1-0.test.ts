import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, type ViewtronEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('HTTP/1.0 clients', () => {
  it('get the success reply with its Content-Length, then the connection closes', async () => {
    const events: ViewtronEvent[] = []
    const { port } = await startTestServer({ onEvent: (event) => void events.push(event) })
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(ipcLpr({ plate: 'OLD' }), { version: '1.0' }))
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.headers['content-length']).toBe('126')
    expect(res.text).toBe(SUCCESS_REPLY)
    await raw.waitClosed()
    expect((events[0] as LprEvent).plateNumber).toBe('OLD')
  })

  it('may keep the connection with Connection: keep-alive', async () => {
    const { port, server } = await startTestServer()
    const raw = await RawConnection.open(port)
    for (let i = 0; i < 3; i++) {
      await raw.write(postRequest('', { version: '1.0', headers: { Connection: 'keep-alive' } }))
      expect((await raw.readResponse()).status).toBe(200)
    }
    expect(server.stats()).toMatchObject({ keepalives: 3, connectionsTotal: 1 })
  })

  it('may send an empty heartbeat with no Content-Length at all', async () => {
    const { port, server } = await startTestServer()
    const raw = await RawConnection.open(port)
    await raw.write('POST /API HTTP/1.0\r\n\r\n')
    expect((await raw.readResponse()).text).toBe(SUCCESS_REPLY)
    expect(server.stats().keepalives).toBe(1)
  })
})
