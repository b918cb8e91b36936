import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY } from '../../src/index.js'
import { ipcLpr, traject } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('pipelined requests', () => {
  it('answers posts written in one go in order, and dispatches their events in order', async () => {
    const seen: string[] = []
    const { server, port } = await startTestServer({
      // The first callback is the slowest: a later post must still not overtake it.
      onEvent: async (event) => {
        const name = event.category === 'lpr' ? (event as LprEvent).plateNumber : event.category
        await new Promise((resolve) => setTimeout(resolve, name === 'A' ? 60 : 1))
        seen.push(name)
      },
    })
    const events = server.events()
    const raw = await RawConnection.open(port)
    await raw.write(
      Buffer.concat([
        postRequest(ipcLpr({ plate: 'A' })),
        postRequest(traject(5)),
        Buffer.from('GET /status HTTP/1.1\r\nHost: x\r\n\r\n'),
        postRequest(''),
        postRequest(ipcLpr({ plate: 'B' })),
      ]),
    )
    const statuses: string[] = []
    for (let i = 0; i < 5; i++) {
      const res = await raw.readResponse()
      statuses.push(`${res.status} ${res.text === SUCCESS_REPLY ? 'success' : res.text}`)
    }
    expect(statuses).toEqual([
      '200 success',
      '200 success',
      '200 Viewtron event server running',
      '200 success',
      '200 success',
    ])
    expect(seen).toEqual(['A', 'traject', 'B'])
    const order: string[] = []
    for (let i = 0; i < 3; i++) order.push(((await events.next()).value as LprEvent).category)
    expect(order).toEqual(['lpr', 'traject', 'lpr'])
    expect(raw.closed).toBe(false)
  })
})
