import { randomBytes } from 'node:crypto'
import { Client } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SUCCESS_REPLY, type UnparsedInfo } from '../../src/index.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('a body of pure base64 with no XML', () => {
  it('ends as unparsed "not-xml", answered 200, nothing decoded or kept', async () => {
    const unparsed: UnparsedInfo[] = []
    const onEvent = vi.fn()
    const onRaw = vi.fn()
    const { server, origin } = await startTestServer({
      onEvent,
      onRaw,
      onUnparsed: (info) => void unparsed.push(info),
    })
    const events = server.events()
    // An image's base64 posted on its own (4 MB), as a broken device or a probe might.
    const body = randomBytes(3 * 1024 * 1024).toString('base64')
    const client = track(new Client(origin), (c) => c.destroy())
    for (const contentType of ['application/xml', 'application/octet-stream']) {
      const res = await client.request({
        path: '/API',
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
      })
      expect(res.statusCode).toBe(200)
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
    }
    expect(unparsed).toMatchObject([
      { reason: 'not-xml', clientIp: '127.0.0.1' },
      { reason: 'not-xml', clientIp: '127.0.0.1' },
    ])
    expect(onEvent).not.toHaveBeenCalled()
    expect(onRaw).toHaveBeenCalledTimes(2) // onRaw sees every body, parsed or not
    expect(server.stats()).toMatchObject({
      posts: 2,
      acknowledged: 2,
      bytes: 2 * body.length,
      unparsed: { 'not-xml': 2 },
      queues: [{ depth: 0 }],
    })
    void events
  })
})
