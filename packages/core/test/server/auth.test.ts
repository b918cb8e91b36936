import { Client } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SUCCESS_REPLY, ViewtronServer } from '../../src/index.js'
import { BasicAuth } from '../../src/server/access-control.js'
import { ipcLpr, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`

const CHALLENGE = 'Basic realm="viewtron", charset="UTF-8"'

describe('auth (HTTP Basic)', () => {
  it('answers 401 with a challenge to a post without credentials, reads no body, calls nothing', async () => {
    const callbacks = { onEvent: vi.fn(), onConnect: vi.fn(), onUnparsed: vi.fn() }
    const { server, port } = await startTestServer({
      auth: { username: 'camera', password: 's3cret' },
      ...callbacks,
    })
    const events = server.events()
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(ipcLpr()))
    const res = await raw.readResponse()
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe(CHALLENGE)
    expect(res.headers.connection).toBe('close')
    await raw.waitClosed()
    expect(server.stats()).toMatchObject({
      rejected: { 401: 1 },
      posts: 0,
      bytes: 0,
      acknowledged: 0,
      queues: [{ depth: 0 }],
    })
    for (const callback of Object.values(callbacks)) expect(callback).not.toHaveBeenCalled()
    expect(server.cameras.size).toBe(0)
    void events
  })

  it('refuses wrong, partial and malformed credentials alike, and accepts the right ones', async () => {
    const { server, origin } = await startTestServer({
      auth: { username: 'camera', password: 's3cret' },
    })
    const events = server.events()
    const wrong = [
      basic('camera', 's3cre'),
      basic('camera', 's3cret!'),
      basic('Camera', 's3cret'),
      basic('camera', ''),
      basic('', 's3cret'),
      `Basic ${Buffer.from('camera').toString('base64')}`,
      'Basic !!!not-base64!!!',
      'Bearer s3cret',
      basic('camera', 's3cret').replace('Basic ', ''),
      '',
    ]
    for (const authorization of wrong) {
      const client = track(new Client(origin), (c) => c.destroy())
      const res = await client.request({
        path: '/API',
        method: 'POST',
        body: ipcLpr(),
        headers: authorization === '' ? {} : { authorization },
      })
      expect(res.statusCode, authorization).toBe(401)
      expect(res.headers['www-authenticate']).toBe(CHALLENGE)
      await res.body.text()
    }
    const client = track(new Client(origin), (c) => c.destroy())
    for (const authorization of [
      basic('camera', 's3cret'),
      `basic  ${basic('camera', 's3cret').slice(6)}`,
    ]) {
      const res = await client.request({
        path: 'http://10.0.0.2:5050/API', // an NVR's absolute-form request line
        method: 'POST',
        body: ipcLpr({ plate: 'AUTHED' }),
        headers: { authorization },
      })
      expect(res.statusCode).toBe(200)
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
    }
    expect((await events.next()).value).toMatchObject({ plateNumber: 'AUTHED' })
    expect(server.stats()).toMatchObject({
      rejected: { 401: wrong.length },
      acknowledged: 2,
      posts: 2,
    })
  })

  it('accepts UTF-8 credentials, as the challenge announces', async () => {
    const { origin } = await startTestServer({
      auth: { username: 'kamera', password: 'pässwörd€' },
    })
    const client = track(new Client(origin), (c) => c.destroy())
    const ok = await client.request({
      path: '/API',
      method: 'POST',
      body: '',
      headers: { authorization: basic('kamera', 'pässwörd€') },
    })
    expect(ok.statusCode).toBe(200)
    await ok.body.text()
    // The same password sent as Latin-1 bytes is a different password.
    const latin1 = `Basic ${Buffer.from('kamera:pässwörd€', 'latin1').toString('base64')}`
    const res = await client.request({
      path: '/API',
      method: 'POST',
      body: '',
      headers: { authorization: latin1 },
    })
    expect(res.statusCode).toBe(401)
    await res.body.text()
  })

  it('guards GET and HEAD too (the status page says a server is there)', async () => {
    const { server, origin } = await startTestServer({ auth: { username: 'u', password: 'p' } })
    const client = track(new Client(origin), (c) => c.destroy())
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await client.request({ path: '/', method })
      expect(res.statusCode).toBe(401)
      await res.body.text()
    }
    const ok = await client.request({
      path: '/',
      method: 'GET',
      headers: { authorization: basic('u', 'p') },
    })
    expect(ok.statusCode).toBe(200)
    expect(await ok.body.text()).toBe('Viewtron event server running')
    expect(server.stats().rejected[401]).toBe(2)
  })

  it('refuses before 100 Continue, so the body is never sent', async () => {
    const { server, port } = await startTestServer({ auth: { username: 'u', password: 'p' } })
    const raw = await RawConnection.open(port)
    await raw.write(
      'POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 600000\r\n\r\n',
    )
    const res = await raw.readResponse()
    expect(res.status).toBe(401)
    await raw.waitClosed()
    expect(server.stats()).toMatchObject({ bytes: 0, rejected: { 401: 1 } })
  })

  it('lets an image post with credentials through, and refuses the same post without them', async () => {
    const { origin, server } = await startTestServer({ auth: { username: 'u', password: 'p' } })
    const body = ipcLpr({ crop: TINY_JPEG_BASE64.repeat(2000) })
    const client = track(new Client(origin), (c) => c.destroy())
    const ok = await client.request({
      path: '/API',
      method: 'POST',
      body,
      headers: { authorization: basic('u', 'p') },
    })
    expect(ok.statusCode).toBe(200)
    await ok.body.text()
    // Without credentials a large body is refused before it is read; the client sees the 401
    // (or, if the connection closes while it is still sending, a reset; never a 200).
    const other = track(new Client(origin), (c) => c.destroy())
    const refused = await other
      .request({ path: '/API', method: 'POST', body })
      .then(async (res) => {
        await res.body.text()
        return res.statusCode
      })
      .catch((error: Error & { code?: string }) => error.code ?? error.message)
    expect([401, 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']).toContain(refused)
    expect(server.stats()).toMatchObject({ acknowledged: 1, rejected: { 401: 1 } })
  })

  it('compares whole digests: a guess of any length costs the same and never matches', () => {
    const auth = new BasicAuth({ username: 'camera', password: 'correct horse' })
    expect(auth.check(basic('camera', 'correct horse'))).toBe(true)
    for (const guess of ['', 'c', 'correct', 'correct horse '.repeat(100)]) {
      expect(auth.check(basic('camera', guess))).toBe(false)
    }
    expect(auth.check(undefined)).toBe(false)
  })

  it.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['not an object', 'camera:pw', TypeError, /^auth /],
    ['null', null, TypeError, /^auth /],
    ['a missing password', { username: 'camera' }, TypeError, /^auth\.password /],
    ['a numeric username', { username: 1, password: 'p' }, TypeError, /^auth\.username /],
    ['an empty username', { username: '', password: 'p' }, RangeError, /^auth\.username /],
    ['a colon in the username', { username: 'a:b', password: 'p' }, RangeError, /^auth\.username /],
    ['an empty password', { username: 'a', password: '' }, RangeError, /^auth\.password /],
    [
      'a newline in the password',
      { username: 'a', password: 'p\n' },
      RangeError,
      /^auth\.password /,
    ],
  ])('rejects %s at construction, naming the option', (_, auth, type, message) => {
    const make = () => new ViewtronServer({ auth: auth as never })
    expect(make).toThrow(type)
    expect(make).toThrow(message)
  })
})
