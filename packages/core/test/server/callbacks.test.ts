import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type AlarmStatus,
  type LprEvent,
  SUCCESS_REPLY,
  type UnparsedInfo,
  type ViewtronEvent,
  ViewtronServerError,
} from '../../src/index.js'
import {
  deviceInfoKeepalive,
  ipcAlarmStatus,
  ipcLpr,
  nvrIntrusion,
  TINY_JPEG_BASE64,
  traject,
  unknownSmartType,
} from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { deferred, startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(() => {
  vi.restoreAllMocks()
  return teardown()
})

async function post(client: Client, body: string): Promise<string> {
  const res = await client.request({ path: '/API', method: 'POST', body })
  expect(res.statusCode).toBe(200)
  return res.body.text()
}

describe('callbacks', () => {
  it('sends a throwing onEvent to onError, still acknowledges the post and queues the event', async () => {
    const boom = new Error('boom')
    const errors: ViewtronServerError[] = []
    const { server, origin } = await startTestServer({
      onEvent: () => {
        throw boom
      },
      onError: (error) => void errors.push(error),
    })
    const events = server.events()
    const client = track(new Client(origin), (c) => c.destroy())
    expect(await post(client, ipcLpr())).toBe(SUCCESS_REPLY)
    expect(await post(client, ipcLpr())).toBe(SUCCESS_REPLY)
    expect(errors).toHaveLength(2)
    expect(errors[0]).toBeInstanceOf(ViewtronServerError)
    expect(errors[0]).toMatchObject({
      code: 'VIEWTRON_CALLBACK_FAILED',
      callback: 'onEvent',
      clientIp: '127.0.0.1',
      cause: boom,
    })
    expect((await events.next()).done).toBe(false)
    expect(server.stats()).toMatchObject({ errors: 2, acknowledged: 2 })
  })

  it('reports a rejecting async onEvent the same way', async () => {
    const errors: ViewtronServerError[] = []
    const { origin } = await startTestServer({
      onEvent: async () => {
        throw new Error('later')
      },
      onError: (error) => void errors.push(error),
    })
    const client = track(new Client(origin), (c) => c.destroy())
    expect(await post(client, ipcLpr())).toBe(SUCCESS_REPLY)
    expect(errors.map((e) => e.message)).toEqual(['onEvent failed for 127.0.0.1: later'])
  })

  it('holds the reply until a slow async onEvent resolves', async () => {
    const gate = deferred()
    let calls = 0
    const { port } = await startTestServer({
      onEvent: async () => {
        calls++
        await gate.promise
      },
    })
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(ipcLpr()))
    await expect(raw.readResponse(300)).rejects.toThrow(/timed out/)
    expect(calls).toBe(1)
    gate.resolve()
    expect((await raw.readResponse()).text).toBe(SUCCESS_REPLY)
  })

  it('writes one line per error to stderr by default and survives a throwing onError', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const { origin, server } = await startTestServer({
      onConnect: () => {
        throw new Error('first\nsecond')
      },
    })
    const client = track(new Client(origin), (c) => c.destroy())
    await post(client, '')
    expect(stderr).toHaveBeenCalledTimes(1)
    expect(stderr.mock.calls[0]?.[0]).toBe(
      'viewtron: onConnect failed for 127.0.0.1: first second\n',
    )
    expect(server.stats().errors).toBe(1)

    const { origin: origin2 } = await startTestServer({
      onEvent: () => {
        throw new Error('a')
      },
      onError: () => {
        throw new Error('b')
      },
    })
    const client2 = track(new Client(origin2), (c) => c.destroy())
    expect(await post(client2, ipcLpr())).toBe(SUCCESS_REPLY)
    expect(String(stderr.mock.calls[1]?.[0])).toMatch(/^viewtron: onError threw: b .*\n$/)
  })

  it('calls onConnect once per client IP, on its first post of any kind', async () => {
    const order: string[] = []
    const { port, server } = await startTestServer({
      onConnect: (ip) => void order.push(`connect ${ip}`),
      onEvent: (event, ip) => void order.push(`event ${ip} ${event.category}`),
    })
    const first = await RawConnection.open(port)
    const second = await RawConnection.open(port, '127.0.0.2')
    const again = await RawConnection.open(port) // a second socket from the first IP
    await first.write(postRequest(''))
    await first.readResponse()
    await second.write(postRequest(nvrIntrusion()))
    await second.readResponse()
    for (const conn of [first, again, second]) {
      await conn.write(postRequest(ipcLpr()))
      await conn.readResponse()
    }
    await second.write(postRequest(deviceInfoKeepalive('Yard cam')))
    await second.readResponse()
    expect(order).toEqual([
      'connect 127.0.0.1',
      'connect 127.0.0.2',
      'event 127.0.0.2 intrusion',
      'event 127.0.0.1 lpr',
      'event 127.0.0.1 lpr',
      'event 127.0.0.2 lpr',
    ])
    expect([...server.cameras.keys()]).toEqual(['127.0.0.1', '127.0.0.2'])
    expect(server.cameras.get('127.0.0.2')).toMatchObject({
      posts: 3,
      keepalives: 1,
      device: { name: 'Yard cam' },
    })
    expect(server.cameras.get('127.0.0.1')).toMatchObject({ posts: 3, keepalives: 1 })
  })

  it('gives onRaw every body but traject and empty heartbeats, before onEvent', async () => {
    const order: string[] = []
    const { origin } = await startTestServer({
      onRaw: (text) => void order.push(`raw ${text.length}`),
      onEvent: (event) => void order.push(`event ${event.category}`),
    })
    const client = track(new Client(origin), (c) => c.destroy())
    const lpr = ipcLpr()
    for (const body of [traject(1), '', lpr, traject(2), 'not xml', traject(3)]) {
      await post(client, body)
    }
    expect(order).toEqual([
      'event traject',
      `raw ${lpr.length}`,
      'event lpr',
      'event traject',
      'raw 7',
      'event traject',
    ])
  })

  it('routes alarm status to onAlarmStatus only, and failures to onUnparsed', async () => {
    const statuses: AlarmStatus[] = []
    const unparsed: UnparsedInfo[] = []
    const onEvent = vi.fn()
    const { server, origin } = await startTestServer({
      onEvent,
      onAlarmStatus: (status) => void statuses.push(status),
      onUnparsed: (info) => void unparsed.push(info),
    })
    const events = server.events()
    const client = track(new Client(origin), (c) => c.destroy())
    await post(client, ipcAlarmStatus(true))
    await post(client, ipcAlarmStatus(false))
    await post(client, unknownSmartType('MYSTERY'))
    await post(client, '<config><oops></config>')
    expect(statuses.map((s) => s.alarms[0]?.active)).toEqual([true, false])
    expect(unparsed).toMatchObject([
      { clientIp: '127.0.0.1', reason: 'unknown-smartType' },
      { clientIp: '127.0.0.1', reason: 'parse-error' },
    ])
    expect(unparsed[0]?.detail).toMatch(/MYSTERY/)
    expect(onEvent).not.toHaveBeenCalled()
    expect(server.stats()).toMatchObject({
      alarmStatus: 2,
      unparsed: { 'unknown-smartType': 1, 'parse-error': 1 },
      queues: [{ depth: 0 }],
    })
    void events
  })

  it('reports image files that cannot be written to onError and still delivers the event', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-images-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const errors: ViewtronServerError[] = []
    const events: ViewtronEvent[] = []
    const { origin, server } = await startTestServer({
      images: { dir: join(dir, 'missing') },
      onError: (error) => void errors.push(error),
      onEvent: (event) => void events.push(event),
    })
    const client = track(new Client(origin), (c) => c.destroy())
    expect(await post(client, ipcLpr({ crop: TINY_JPEG_BASE64 }))).toBe(SUCCESS_REPLY)
    const event = events[0] as LprEvent
    expect(event.plateNumber).toBe('ABC1234')
    expect(event.targetImage?.path).toBeNull()
    expect(event.targetImage?.error).toMatch(/ENOENT/)
    // The valid crop's failure is reported. The overview is a placeholder whose leading valid
    // base64 quartets are decoded before it turns out invalid, so its file may have been tried
    // too: then a second ENOENT is reported, for the same reason. Nothing else is.
    expect(errors.length).toBeGreaterThanOrEqual(1)
    expect(errors.length).toBeLessThanOrEqual(2)
    for (const error of errors) {
      expect(error).toMatchObject({
        code: 'VIEWTRON_IMAGE_WRITE_FAILED',
        clientIp: '127.0.0.1',
        cause: { code: 'ENOENT' },
      })
    }
    const crop = errors.filter((e) => (e.cause as Error).message === event.targetImage?.error)
    expect(crop).toHaveLength(1)
    expect(server.stats().errors).toBe(errors.length)
  })
})
