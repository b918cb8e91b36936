import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('request methods and paths', () => {
  it('answers GET on any path with the plain-text banner, as the seed does', async () => {
    const { origin } = await startTestServer()
    for (const path of ['/', '/API', '/anything?x=1']) {
      const res = await request(`${origin}${path}`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/plain')
      expect(await res.body.text()).toBe('Viewtron event server running')
    }
  })

  it('answers HEAD like GET without a body', async () => {
    const { origin } = await startTestServer()
    const res = await request(origin, { method: 'HEAD' })
    expect(res.statusCode).toBe(200)
    expect(await res.body.text()).toBe('')
  })

  it('answers other methods 405 with an Allow header, counted as rejected', async () => {
    const { origin, server } = await startTestServer()
    for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
      const res = await request(`${origin}/API`, { method, body: 'x' })
      expect(res.statusCode).toBe(405)
      expect(res.headers.allow).toBe('GET, HEAD, POST')
      await res.body.text()
    }
    expect(server.stats().rejected[405]).toBe(3)
  })

  it('accepts a POST on any path by default', async () => {
    const { origin, server } = await startTestServer()
    for (const path of ['/API', '/SendAlarmStatus', '/', '/x/y?z=1']) {
      const res = await request(`${origin}${path}`, { method: 'POST', body: ipcLpr() })
      expect(res.statusCode).toBe(200)
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
    }
    expect(server.stats().events.lpr).toBe(4)
  })

  it('with a path option, answers 404 to POSTs elsewhere and never parses them', async () => {
    const { origin, server, port } = await startTestServer({ path: '/API' })
    const ok = await request(`${origin}/API?camera=1`, { method: 'POST', body: ipcLpr() })
    expect(ok.statusCode).toBe(200)
    await ok.body.text()
    const raw = await RawConnection.open(port)
    await raw.write(
      `POST http://127.0.0.1:${port}/other HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc`,
    )
    const res = await raw.readResponse()
    expect(res.status).toBe(404)
    await raw.waitClosed()
    expect(server.stats()).toMatchObject({ posts: 1, rejected: { 404: 1 } })
  })
})
