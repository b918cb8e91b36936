import { request } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, ViewtronServer } from '../../src/index.js'
import { AllowList } from '../../src/server/access-control.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

/** Posts one event from `from` (a loopback address: all of 127.0.0.0/8 works on Linux). */
async function postFrom(
  port: number,
  from: string,
  options: { host?: string; headers?: Record<string, string> } = {},
): Promise<number> {
  const raw = await RawConnection.open(port, from, options.host)
  await raw.write(postRequest(ipcLpr({ plate: from }), { headers: options.headers }))
  const res = await raw.readResponse()
  if (res.status !== 200) await raw.waitClosed()
  raw.socket.destroy()
  return res.status
}

describe('allow (client address list)', () => {
  it('answers 403 to an address not on the list, before reading anything, and counts it', async () => {
    const callbacks = { onEvent: vi.fn(), onConnect: vi.fn(), onUnparsed: vi.fn() }
    const { server, port } = await startTestServer({
      allow: ['127.0.0.2', '10.0.0.0/8'],
      ...callbacks,
    })
    const raw = await RawConnection.open(port, '127.0.0.1')
    await raw.write(postRequest(ipcLpr()))
    const res = await raw.readResponse()
    expect(res.status).toBe(403)
    expect(res.headers.connection).toBe('close')
    await raw.waitClosed()
    expect(server.stats()).toMatchObject({ rejected: { 403: 1 }, bytes: 0, posts: 0 })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    expect(server.cameras.size).toBe(0)

    expect(await postFrom(port, '127.0.0.2')).toBe(200)
    expect(callbacks.onEvent).toHaveBeenCalledTimes(1)
    expect([...server.cameras.keys()]).toEqual(['127.0.0.2'])
  })

  it('matches CIDR blocks to the bit', async () => {
    const { server, port } = await startTestServer({ allow: ['127.0.0.0/30', '127.0.1.7/32'] })
    const results: Record<string, number> = {}
    for (const from of [
      '127.0.0.1',
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.4',
      '127.0.1.7',
      '127.0.1.8',
    ]) {
      results[from] = await postFrom(port, from)
    }
    expect(results).toEqual({
      '127.0.0.1': 200,
      '127.0.0.2': 200,
      '127.0.0.3': 200,
      '127.0.0.4': 403,
      '127.0.1.7': 200,
      '127.0.1.8': 403,
    })
    expect(server.stats()).toMatchObject({ acknowledged: 4, rejected: { 403: 2 } })
  })

  it('checks IPv4 peers of a dual-stack socket (::ffff:a.b.c.d) against IPv4 entries', async () => {
    const { server, port } = await startTestServer({ host: '::', allow: ['127.0.0.0/29'] })
    const events = server.events()
    const raw = await RawConnection.open(port, '127.0.0.5')
    expect(raw.socket.remoteAddress).toBe('127.0.0.1')
    await raw.write(postRequest(ipcLpr()))
    expect((await raw.readResponse()).status).toBe(200)
    const event = (await events.next()).value as LprEvent
    expect(event.clientIp).toBe('127.0.0.5') // the server saw ::ffff:127.0.0.5
    expect(await postFrom(port, '127.0.0.9')).toBe(403)

    // The same peer listed in its mapped form.
    const mapped = await startTestServer({ host: '::', allow: ['::ffff:127.0.0.5'] })
    expect(await postFrom(mapped.port, '127.0.0.5')).toBe(200)
    expect(await postFrom(mapped.port, '127.0.0.6')).toBe(403)
  })

  it('matches IPv6 peers against IPv6 entries', async (context) => {
    const probe = await startTestServer({ host: '::1' }).catch(() => null)
    if (probe === null) {
      console.warn('[viewtron] no IPv6 loopback (::1) on this machine: IPv6 allow test skipped')
      context.skip()
      return
    }
    const allowed = await startTestServer({ host: '::1', allow: ['::1', '10.0.0.0/8'] })
    expect(await postFrom(allowed.port, '::1', { host: '::1' })).toBe(200)
    const denied = await startTestServer({ host: '::1', allow: ['fd00::/8', '127.0.0.1'] })
    expect(await postFrom(denied.port, '::1', { host: '::1' })).toBe(403)
    const block = await startTestServer({ host: '::1', allow: ['::/127'] })
    expect(await postFrom(block.port, '::1', { host: '::1' })).toBe(200)
  })

  it('comes before auth: a refused address is told 403 even with the right credentials', async () => {
    const authorization = `Basic ${Buffer.from('u:p').toString('base64')}`
    const { server, port } = await startTestServer({
      allow: ['127.0.0.2'],
      auth: { username: 'u', password: 'p' },
    })
    expect(await postFrom(port, '127.0.0.1', { headers: { authorization } })).toBe(403)
    expect(await postFrom(port, '127.0.0.2')).toBe(401)
    expect(await postFrom(port, '127.0.0.2', { headers: { authorization } })).toBe(200)
    expect(server.stats()).toMatchObject({ rejected: { 401: 1, 403: 1 }, acknowledged: 1 })
  })

  it('guards GET too, and the server goes on serving allowed clients', async () => {
    const { server, origin } = await startTestServer({ allow: ['127.0.0.2'] })
    const res = await request(`${origin}/`)
    expect(res.statusCode).toBe(403)
    expect(await res.body.text()).toBe('Forbidden')
    const raw = await RawConnection.open(Number(new URL(origin).port), '127.0.0.2')
    await raw.write(postRequest(ipcLpr()))
    expect((await raw.readResponse()).text).toBe(SUCCESS_REPLY)
    expect(server.stats().rejected[403]).toBe(1)
  })

  it('reads mapped and zoned addresses the way sockets report them', () => {
    const list = new AllowList(['::ffff:10.0.0.0/104', 'FE80::/10', '192.168.1.20'])
    expect(list.allows('10.200.0.1')).toBe(true)
    expect(list.allows('::ffff:10.200.0.1')).toBe(true)
    expect(list.allows('::FFFF:10.200.0.1')).toBe(true)
    expect(list.allows('11.0.0.1')).toBe(false)
    expect(list.allows('fe80::1%eth0')).toBe(true)
    expect(list.allows('::ffff:192.168.1.20')).toBe(true)
    expect(list.allows('192.168.1.21')).toBe(false)
    expect(list.allows('')).toBe(false)
    expect(list.allows('not an address')).toBe(false)
  })

  it.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['not an array', '10.0.0.0/8', TypeError, /^allow /],
    ['an empty list', [], RangeError, /^allow /],
    ['a non-string entry', ['10.0.0.1', 42], TypeError, /^allow\[1\] /],
    ['a host name', ['camera.local'], RangeError, /^allow\[0\] \('camera\.local'\)/],
    ['an empty entry', [''], RangeError, /^allow\[0\] /],
    ['an IPv4 prefix over 32', ['10.0.0.0/33'], RangeError, /^allow\[0\] .*0 to 32/],
    ['an IPv6 prefix over 128', ['fd00::/129'], RangeError, /^allow\[0\] .*0 to 128/],
    ['a negative prefix', ['10.0.0.0/-1'], RangeError, /^allow\[0\] /],
    ['two slashes', ['10.0.0.0/8/8'], RangeError, /^allow\[0\] /],
    ['a zone index', ['fe80::1%eth0'], RangeError, /^allow\[0\] /],
    ['a leading-zero octet', ['10.0.0.01'], RangeError, /^allow\[0\] /],
  ])('rejects %s at construction, naming the entry', (_, allow, type, message) => {
    const make = () => new ViewtronServer({ allow: allow as never })
    expect(make).toThrow(type)
    expect(make).toThrow(message)
  })
})
