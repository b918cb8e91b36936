import { connect as netConnect } from 'node:net'
import { type TLSSocket, connect as tlsConnect } from 'node:tls'
import { Client } from 'undici'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, ViewtronServer } from '../../src/index.js'
import { ipcLpr, TINY_JPEG, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { postRequest } from '../helpers/raw-http.js'
import { selfSignedCertificate, type TestCertificate } from '../helpers/self-signed.js'
import { startTestServer, teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

let certificate: TestCertificate
beforeAll(() => {
  certificate = selfSignedCertificate()
  if (certificate.madeWith !== 'openssl') {
    console.warn('[viewtron] openssl not found: the HTTPS tests use a certificate made by node')
  }
})

function httpsClient(port: number): Client {
  return track(
    new Client(`https://127.0.0.1:${port}`, { connect: { ca: certificate.cert } }),
    (c) => c.destroy(),
  )
}

/** A TLS connection that trusts the test certificate. */
async function tlsSocket(port: number): Promise<TLSSocket> {
  const socket = tlsConnect({ port, host: '127.0.0.1', ca: certificate.cert })
  track(socket, (s) => s.destroy())
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve)
    socket.once('error', reject)
  })
  return socket
}

describe('tls (HTTPS)', () => {
  it('serves the same protocol over HTTPS: success reply, events, images, https:// URLs', async () => {
    const { server, port } = await startTestServer({
      tls: { key: certificate.key, cert: certificate.cert },
    })
    expect((await server.listen()).urls).toEqual([`https://127.0.0.1:${port}`])
    const events = server.events()
    const client = httpsClient(port)
    for (const plate of ['TLS1', 'TLS2']) {
      const res = await client.request({
        path: '/API',
        method: 'POST',
        body: ipcLpr({ plate, crop: TINY_JPEG_BASE64 }),
        headers: { 'content-type': 'application/xml; charset=utf-8' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-length']).toBe('126')
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
    }
    const first = (await events.next()).value as LprEvent
    expect(first.plateNumber).toBe('TLS1')
    expect(first.clientIp).toBe('127.0.0.1')
    expect(first.targetImage?.bytes()).toEqual(TINY_JPEG)
    expect(((await events.next()).value as LprEvent).plateNumber).toBe('TLS2')
    const get = await client.request({ path: '/', method: 'GET' })
    expect(await get.body.text()).toBe('Viewtron event server running')
    expect(server.stats()).toMatchObject({
      acknowledged: 2,
      connections: 1, // one keep-alive TLS connection carried everything
      connectionsTotal: 1,
      tlsErrors: 0,
    })
  })

  it('keeps pipelined posts on one TLS connection in order', async () => {
    const { server, port } = await startTestServer({
      tls: { key: certificate.key, cert: certificate.cert },
    })
    const events = server.events()
    const socket = await tlsSocket(port)
    const replies: Buffer[] = []
    socket.on('data', (chunk: Buffer) => replies.push(chunk))
    const plates = ['P1', 'P2', 'P3', 'P4']
    socket.write(Buffer.concat(plates.map((plate) => postRequest(ipcLpr({ plate })))))
    const seen: string[] = []
    for (let i = 0; i < plates.length; i++) {
      seen.push(((await events.next()).value as LprEvent).plateNumber)
    }
    expect(seen).toEqual(plates)
    await waitFor(
      () => Buffer.concat(replies).toString().split('<status>success</status>').length === 5,
      'four replies',
    )
    expect(server.stats()).toMatchObject({ acknowledged: 4, connectionsTotal: 1 })
  })

  it('combines with auth: credentials travel inside TLS', async () => {
    const { server, port } = await startTestServer({
      tls: { key: certificate.key, cert: certificate.cert },
      auth: { username: 'nvr', password: 'pw' },
    })
    const client = httpsClient(port)
    const refused = await client.request({ path: '/API', method: 'POST', body: ipcLpr() })
    expect(refused.statusCode).toBe(401)
    await refused.body.text()
    const other = httpsClient(port)
    const ok = await other.request({
      path: '/API',
      method: 'POST',
      body: ipcLpr(),
      headers: { authorization: `Basic ${Buffer.from('nvr:pw').toString('base64')}` },
    })
    expect(ok.statusCode).toBe(200)
    await ok.body.text()
    expect(server.stats()).toMatchObject({ rejected: { 401: 1 }, acknowledged: 1 })
  })

  it('counts a plain-HTTP post to the HTTPS port as a TLS error, closes it, and goes on', async () => {
    const { server, port } = await startTestServer({
      tls: { key: certificate.key, cert: certificate.cert },
    })
    const plain = netConnect({ port, host: '127.0.0.1' })
    track(plain, (s) => s.destroy())
    plain.on('error', () => undefined)
    plain.write(postRequest(ipcLpr()))
    await new Promise((resolve) => plain.once('close', resolve))
    await waitFor(() => server.stats().tlsErrors === 1, 'the TLS error to be counted')
    await waitFor(() => server.stats().connections === 0, 'the socket to close')
    expect(server.stats()).toMatchObject({ posts: 0, acknowledged: 0 })
    const ok = await httpsClient(port).request({ path: '/API', method: 'POST', body: '' })
    expect(ok.statusCode).toBe(200)
    await ok.body.text()
  })

  it('closes sockets stuck before their handshake when it shuts down', async () => {
    const server = new ViewtronServer({
      port: 0,
      host: '127.0.0.1',
      tls: { key: certificate.key, cert: certificate.cert },
    })
    const { port } = await server.listen()
    // Connects and never says hello: only Node's 120 s handshakeTimeout would end it.
    const silent = netConnect({ port, host: '127.0.0.1' })
    track(silent, (s) => s.destroy())
    silent.on('error', () => undefined)
    await waitFor(() => server.stats().connections === 1, 'the connection to be counted')
    const started = Date.now()
    await server.shutdown()
    expect(Date.now() - started).toBeLessThan(2000)
    expect(server.stats().connections).toBe(0)
  })

  it('works with a certificate made by node:crypto alone (no openssl)', async () => {
    const own = selfSignedCertificate('node')
    expect(own.madeWith).toBe('node')
    const { port } = await startTestServer({ tls: { key: own.key, cert: own.cert } })
    const client = track(
      new Client(`https://127.0.0.1:${port}`, { connect: { ca: own.cert } }),
      (c) => c.destroy(),
    )
    const res = await client.request({ path: '/API', method: 'POST', body: ipcLpr() })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
  })

  it.each<[string, () => unknown, RegExp]>([
    ['not an object', () => 'key.pem', /^tls must be an object/],
    ['no certificate', () => ({ key: certificate.key }), /^tls must give a certificate/],
    [
      'a key that does not fit the certificate',
      () => ({ key: selfSignedCertificate('node').key, cert: certificate.cert }),
      /^tls is not usable: /,
    ],
    [
      'a certificate that is not PEM',
      () => ({ key: certificate.key, cert: 'not a certificate' }),
      /^tls is not usable: /,
    ],
  ])('rejects %s at construction with a TypeError naming tls', (_, tls, message) => {
    const make = () => new ViewtronServer({ tls: tls() as never })
    expect(make).toThrow(TypeError)
    expect(make).toThrow(message)
  })

  it('reads a chunked post that also carries Content-Length over TLS too, then closes', async () => {
    const { server, port } = await startTestServer({
      tls: { key: certificate.key, cert: certificate.cert },
    })
    const events = server.events()
    const socket = await tlsSocket(port)
    let received = ''
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1')
    })
    const closed = new Promise((resolve) => socket.once('close', resolve))
    const body = Buffer.from(ipcLpr({ plate: 'TLSCHUNK' }))
    socket.write(
      Buffer.concat([
        Buffer.from(
          'POST /API HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n',
        ),
        Buffer.from(`${body.length.toString(16)}\r\n`),
        body,
        Buffer.from('\r\n0\r\n\r\n'),
        postRequest(ipcLpr({ plate: 'BEHIND' })),
      ]),
    )
    await closed
    expect(received.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true)
    expect(received).toContain('Connection: close')
    expect(received.endsWith(SUCCESS_REPLY)).toBe(true)
    expect(received.match(/HTTP\/1\.1/g)).toHaveLength(1)
    await server.shutdown()
    const plates: string[] = []
    for await (const event of events) plates.push((event as LprEvent).plateNumber)
    expect(plates).toEqual(['TLSCHUNK'])
  })
})
