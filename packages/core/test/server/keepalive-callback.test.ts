import { afterEach, describe, expect, it } from 'vitest'
import { type Keepalive, SUCCESS_REPLY, type ViewtronServerError } from '../../src/index.js'
import { deviceInfoKeepalive, ipcLpr, nvrKeepalive } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('onKeepalive', () => {
  it('sees every heartbeat shape, after onConnect for the first, and never an event', async () => {
    const calls: string[] = []
    const keepalives: Keepalive[] = []
    const { server, port } = await startTestServer({
      onConnect: (clientIp) => void calls.push(`connect ${clientIp}`),
      onKeepalive: (keepalive, clientIp) => {
        calls.push(`keepalive ${keepalive.form} ${clientIp}`)
        keepalives.push(keepalive)
      },
    })
    const attached: string[] = []
    server.use({ onKeepalive: (keepalive) => void attached.push(keepalive.form) })
    const conn = await RawConnection.open(port)
    for (const body of ['', deviceInfoKeepalive('Porch'), nvrKeepalive('Office'), ipcLpr()]) {
      await conn.write(postRequest(body))
      const res = await conn.readResponse()
      expect(res.text).toBe(SUCCESS_REPLY)
    }
    expect(calls).toEqual([
      'connect 127.0.0.1',
      'keepalive empty 127.0.0.1',
      'keepalive deviceInfo 127.0.0.1',
      'keepalive messageType 127.0.0.1',
    ])
    expect(attached).toEqual(['empty', 'deviceInfo', 'messageType'])
    expect(keepalives[1]?.device.name).toBe('Porch')
    expect(keepalives[2]?.device.name).toBe('Office')
    expect(keepalives.every((k) => k.clientIp === '127.0.0.1')).toBe(true)
    expect(server.stats().keepalives).toBe(3)
  })

  it('holds the reply for an async onKeepalive, and reports its errors without refusing', async () => {
    const errors: ViewtronServerError[] = []
    let resolved = false
    const { server, port } = await startTestServer({
      onKeepalive: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        resolved = true
        throw new Error('heartbeat sink failed')
      },
      onError: (error) => void errors.push(error),
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(''))
    const res = await conn.readResponse()
    expect(resolved).toBe(true)
    expect(res.status).toBe(200)
    expect(errors.map((e) => [e.callback, e.message])).toEqual([
      ['onKeepalive', 'onKeepalive failed for 127.0.0.1: heartbeat sink failed'],
    ])
    expect(server.stats().refused).toBe(0)
  })
})
