import { afterEach, describe, expect, it } from 'vitest'
import { SUCCESS_REPLY } from '../../src/index.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('maxConnections', () => {
  it('closes connections past the cap on arrival, counts them, and admits new ones once room frees', async () => {
    const { server, port } = await startTestServer({ maxConnections: 3 })
    const held = await Promise.all([1, 2, 3].map(() => RawConnection.open(port)))
    await waitFor(() => server.stats().connections === 3, 'three connections')
    const extra = await RawConnection.open(port)
    await extra.write(postRequest('')).catch(() => undefined)
    await extra.waitClosed()
    expect(extra.pending.length).toBe(0) // closed without a byte of reply
    expect(server.stats()).toMatchObject({ dropped: 1, connections: 3, posts: 0 })

    // The admitted ones are served as usual.
    for (const conn of held) {
      await conn.write(postRequest(''))
      expect((await conn.readResponse()).text).toBe(SUCCESS_REPLY)
    }
    held[0]?.socket.destroy()
    await waitFor(() => server.stats().connections === 2, 'one to leave')
    const next = await RawConnection.open(port)
    await next.write(postRequest(''))
    expect((await next.readResponse()).status).toBe(200)
    expect(server.stats()).toMatchObject({ dropped: 1, acknowledged: 4, connectionsTotal: 4 })
  })

  it('defaults to 1024, accepts Infinity, and rejects nonsense naming the option', async () => {
    const { ViewtronServer } = await import('../../src/index.js')
    expect(() => new ViewtronServer({ maxConnections: Number.POSITIVE_INFINITY })).not.toThrow()
    expect(() => new ViewtronServer({ maxConnections: 0 })).toThrow(/^maxConnections /)
    expect(() => new ViewtronServer({ maxConnections: 1.5 })).toThrow(RangeError)
    expect(() => new ViewtronServer({ maxHeadersCount: -1 })).toThrow(/^maxHeadersCount /)
    expect(() => new ViewtronServer({ connectionsCheckingInterval: 0 })).toThrow(
      /^connectionsCheckingInterval /,
    )
  })
})
