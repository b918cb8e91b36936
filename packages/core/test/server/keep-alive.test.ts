import { Client, request } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SUCCESS_REPLY } from '../../src/index.js'
import {
  deviceInfoKeepalive,
  ipcAlarmStatus,
  ipcLpr,
  nvrKeepalive,
  traject,
} from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("a camera's long-lived connection", () => {
  it('carries many posts and heartbeats of all three shapes over one socket', async () => {
    const onConnect = vi.fn()
    const { server, origin } = await startTestServer({ onConnect })
    const client = track(new Client(origin), (c) => c.destroy())
    let connects = 0
    client.on('connect', () => connects++)
    const rounds = 5
    for (let round = 0; round < rounds; round++) {
      for (const body of [
        '',
        deviceInfoKeepalive(),
        nvrKeepalive(),
        ipcLpr({ plate: `P${round}` }),
        traject(round),
        ipcAlarmStatus(round % 2 === 0),
      ]) {
        const res = await client.request({
          path: '/API',
          method: 'POST',
          body,
          headers: { 'content-type': 'application/xml; charset=utf-8' },
        })
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toBe('application/xml')
        expect(res.headers['content-length']).toBe('126')
        expect(await res.body.text()).toBe(SUCCESS_REPLY)
      }
    }
    expect(connects).toBe(1)
    const stats = server.stats()
    expect(stats).toMatchObject({
      connectionsTotal: 1,
      posts: rounds * 6,
      acknowledged: rounds * 6,
      keepalives: rounds * 3,
      alarmStatus: rounds,
      events: { lpr: rounds, traject: rounds },
    })
    expect(onConnect).toHaveBeenCalledTimes(1)
    expect(onConnect).toHaveBeenCalledWith('127.0.0.1')
    const camera = server.cameras.get('127.0.0.1')
    expect(camera).toMatchObject({ posts: rounds * 6, keepalives: rounds * 3 })
  })

  it('keeps an idle socket open below keepAliveTimeout and closes it past it', async () => {
    const { port } = await startTestServer({ keepAliveTimeout: 1500 })
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(''))
    expect((await raw.readResponse()).status).toBe(200)
    // Idle for about half the timeout, twice: the same socket still carries the next post.
    for (let i = 0; i < 2; i++) {
      await sleep(700)
      expect(raw.closed).toBe(false)
      await raw.write(postRequest(ipcLpr()))
      const res = await raw.readResponse()
      expect(res.status).toBe(200)
      expect(res.headers['keep-alive']).toBe('timeout=1')
    }
    // Past the timeout the server closes it, which is why the default must outlast heartbeats.
    await raw.waitClosed(5000)
    expect(raw.closed).toBe(true)
  })

  it('defaults keepAliveTimeout to 130 s, beyond the longest heartbeat interval (120 s)', async () => {
    const { origin } = await startTestServer()
    const res = await request(`${origin}/API`, { method: 'POST', body: '' })
    await res.body.text()
    expect(res.headers['keep-alive']).toBe('timeout=130')
    expect(Number(/timeout=(\d+)/.exec(String(res.headers['keep-alive']))?.[1])).toBeGreaterThan(
      120,
    )
  })

  it('answers an empty heartbeat that carries no Content-Type at all', async () => {
    const { port, server } = await startTestServer()
    const raw = await RawConnection.open(port)
    await raw.write('POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n')
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.text).toBe(SUCCESS_REPLY)
    expect(server.stats().keepalives).toBe(1)
  })
})
