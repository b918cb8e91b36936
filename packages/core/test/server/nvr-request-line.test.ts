import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SUCCESS_REPLY, type ViewtronEvent } from '../../src/index.js'
import { nvrKeepalive, nvrLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'
import { hasVendorSamples, VENDOR_SAMPLES } from '../helpers/vendor-samples.js'

afterEach(teardown)

/** How an NVR posts: absolute-form request line, SOAP content type, one post per connection. */
function nvrPost(port: number, body: string | Buffer): Buffer {
  return postRequest(body, {
    target: `http://127.0.0.1:${port}/API`,
    headers: {
      'Content-Type': 'application/soap+xml; charset=utf-8',
      Connection: 'close',
    },
  })
}

describe('NVR-style posts', () => {
  it('accepts an absolute-URL, Connection: close, application/soap+xml post and closes after the reply', async () => {
    const events: ViewtronEvent[] = []
    const { server, port } = await startTestServer({ onEvent: (event) => void events.push(event) })
    const raw = await RawConnection.open(port)
    await raw.write(nvrPost(port, nvrLpr('JP116D', 2)))
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/xml')
    expect(res.headers['content-length']).toBe('126')
    expect(res.headers.connection).toBe('close')
    expect(res.text).toBe(SUCCESS_REPLY)
    await raw.waitClosed()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      category: 'lpr',
      source: 'nvr',
      plateNumber: 'JP116D',
      clientIp: '127.0.0.1',
      device: { channelId: 2 },
    })
    expect(server.stats().connections).toBe(0)
  })

  it('matches the path option against the pathname of an absolute URL', async () => {
    const { port, server } = await startTestServer({ path: '/API' })
    const raw = await RawConnection.open(port)
    await raw.write(nvrPost(port, nvrKeepalive()))
    expect((await raw.readResponse()).status).toBe(200)
    expect(server.stats().keepalives).toBe(1)
  })

  it.runIf(hasVendorSamples)(
    'acknowledges every vendor NVR sample posted NVR-style, one connection each',
    async () => {
      const dir = join(VENDOR_SAMPLES, 'nvr-v2')
      const files = readdirSync(dir).filter((name) => name.endsWith('.xml'))
      const { port, server } = await startTestServer()
      for (const file of files) {
        const raw = await RawConnection.open(port)
        await raw.write(nvrPost(port, readFileSync(join(dir, file))))
        const res = await raw.readResponse()
        expect(res.status, file).toBe(200)
        expect(res.text).toBe(SUCCESS_REPLY)
        await raw.waitClosed()
      }
      const stats = server.stats()
      expect(stats.posts).toBe(files.length)
      expect(stats.keepalives + stats.alarmStatus).toBe(2)
      const events = Object.values(stats.events).reduce((a, b) => a + b, 0)
      expect(events).toBe(files.length - 2)
    },
  )
})
