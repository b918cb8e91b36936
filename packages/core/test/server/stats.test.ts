import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import {
  deviceInfoKeepalive,
  ipcAlarmStatus,
  ipcLpr,
  nvrIntrusion,
  nvrKeepalive,
  nvrLpr,
  traject,
  unknownSmartType,
} from '../helpers/bodies.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('stats()', () => {
  it('counts posts, bytes, heartbeats, status, events by category, unparsed by reason and rejections', async () => {
    const { server, origin } = await startTestServer()
    const events = server.events({ highWaterMark: 100 })
    const client = track(new Client(origin), (c) => c.destroy())
    const bodies = [
      '',
      deviceInfoKeepalive(),
      nvrKeepalive(),
      ipcAlarmStatus(true),
      ipcLpr(),
      nvrLpr(),
      nvrIntrusion(),
      traject(),
      unknownSmartType(),
      'plain text',
    ]
    for (const body of bodies) {
      const res = await client.request({ path: '/API', method: 'POST', body })
      await res.body.text()
    }
    const rejected = await client.request({ path: '/', method: 'PUT', body: 'x' })
    await rejected.body.text()
    await (await client.request({ path: '/', method: 'GET' })).body.text()
    const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0)
    expect(server.stats()).toEqual({
      posts: 10,
      acknowledged: 10,
      bytes,
      keepalives: 3,
      alarmStatus: 1,
      events: { lpr: 2, face: 0, intrusion: 1, counting: 0, metadata: 0, traject: 1, other: 0 },
      unparsed: {
        'not-xml': 1,
        'parse-error': 0,
        'unknown-smartType': 1,
        'no-messageType': 0,
        'too-large': 0,
        limit: 0,
      },
      drops: 0,
      rejected: { 400: 0, 401: 0, 403: 0, 404: 0, 405: 1, 408: 0, 413: 0, 431: 0, 500: 0, 503: 0 },
      refused: 0,
      aborted: 0,
      dropped: 0,
      tlsErrors: 0,
      errors: 0,
      queues: [{ depth: 4, highWaterMark: 100, overflow: 'block', drops: 0, delivered: 0 }],
      connections: 1, // the 405 closed the first socket; the GET came on a second one
      connectionsTotal: 2,
      inFlight: 0,
    })
    await events.next()
    expect(server.stats().queues[0]).toMatchObject({ depth: 3, delivered: 1 })
  })
})
