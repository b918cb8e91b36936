import { DEFAULT_IPC_DEVICE, ipcAlarmServerHeartbeat } from '@viewtron/fixtures'
import { afterEach, describe, expect, it } from 'vitest'
import { type Keepalive, SUCCESS_REPLY, type UnparsedInfo } from '../../src/index.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

describe("the alarm server's heartbeat (a config of only dataTime and deviceInfo)", () => {
  it('is acknowledged as a keepalive and gives the camera its identity', async () => {
    const unparsed: UnparsedInfo[] = []
    const keepalives: Keepalive[] = []
    const { port, server } = await startTestServer({
      onUnparsed: (info) => void unparsed.push(info),
      onKeepalive: (keepalive) => void keepalives.push(keepalive),
    })
    const conn = await RawConnection.open(port, '127.0.0.2')
    await conn.write(postRequest(ipcAlarmServerHeartbeat()))
    const reply = await conn.readResponse()
    expect(reply.status).toBe(200)
    expect(reply.text).toBe(SUCCESS_REPLY)
    expect(unparsed).toEqual([])
    expect(server.stats().keepalives).toBe(1)
    // onKeepalive sees it like the other three shapes, with the identity it carries.
    expect(keepalives.map((k) => k.form)).toEqual(['alarmServer'])
    expect(keepalives[0]?.device).toMatchObject({
      name: DEFAULT_IPC_DEVICE.name,
      mac: DEFAULT_IPC_DEVICE.mac,
      sn: DEFAULT_IPC_DEVICE.sn,
    })
    expect(server.cameras.get('127.0.0.2')).toMatchObject({
      posts: 1,
      keepalives: 1,
      device: {
        name: DEFAULT_IPC_DEVICE.name,
        ip: DEFAULT_IPC_DEVICE.ip,
        mac: DEFAULT_IPC_DEVICE.mac,
        sn: DEFAULT_IPC_DEVICE.sn,
      },
    })
  })
})
