import { afterEach, describe, expect, it } from 'vitest'
import type { LprEvent } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('maxRequestsPerSocket', () => {
  it('closes after the last allowed reply; a request past it gets 503 and is counted', async () => {
    const { server, port } = await startTestServer({ maxRequestsPerSocket: 2 })
    const events = server.events()
    const raw = await RawConnection.open(port)
    await raw.write(Buffer.concat(['A', 'B', 'C'].map((plate) => postRequest(ipcLpr({ plate })))))
    const first = await raw.readResponse()
    expect(first.status).toBe(200)
    const second = await raw.readResponse()
    expect(second.status).toBe(200)
    expect(second.headers.connection).toBe('close')
    const third = await raw.readResponse()
    expect(third.status).toBe(503)
    await raw.waitClosed()
    const plates = []
    for (let i = 0; i < 2; i++) plates.push(((await events.next()).value as LprEvent).plateNumber)
    expect(plates).toEqual(['A', 'B'])
    expect(server.stats()).toMatchObject({ posts: 2, acknowledged: 2, rejected: { 503: 1 } })
  })
  it('closes the socket after the last allowed reply when the client waits for each reply', async () => {
    const { server, port } = await startTestServer({ maxRequestsPerSocket: 2 })
    const raw = await RawConnection.open(port)
    for (const plate of ['A', 'B']) {
      await raw.write(postRequest(ipcLpr({ plate })))
      expect((await raw.readResponse()).status).toBe(200)
    }
    await raw.waitClosed(2000)
    await waitFor(() => server.stats().connections === 0, 'the server side to close')
    expect(server.stats()).toMatchObject({ acknowledged: 2, rejected: { 503: 0 } })
  })
})
