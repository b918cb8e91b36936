import { afterEach, describe, expect, it } from 'vitest'
import {
  type AlarmStatus,
  type LprEvent,
  RefusePost,
  SUCCESS_REPLY,
  type ViewtronEvent,
  type ViewtronHandlers,
  type ViewtronServer,
  type ViewtronServerError,
} from '../../src/index.js'
import { ipcAlarmStatus, ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { deferred, startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

async function drain(events: AsyncIterableIterator<ViewtronEvent>, server: ViewtronServer) {
  await server.shutdown()
  const plates: string[] = []
  for await (const event of events) plates.push((event as LprEvent).plateNumber)
  return plates
}

describe('server.use()', () => {
  it('refuses a post when one of two sinks refuses, with the longest Retry-After, and delivers it once it is detached', async () => {
    const errors: ViewtronServerError[] = []
    const calls: string[] = []
    const { server, port } = await startTestServer({
      onEvent: (event) => void calls.push(`own ${(event as LprEvent).plateNumber}`),
      onError: (error) => void errors.push(error),
    })
    const events = server.events()
    server.use({
      onEvent: async (event) => {
        calls.push(`store ${(event as LprEvent).plateNumber}`)
        throw new RefusePost('database locked', { retryAfterSeconds: 3 })
      },
    })
    const detachBroker = server.use({
      onEvent: (event) => {
        calls.push(`broker ${(event as LprEvent).plateNumber}`)
        throw new RefusePost('broker offline', { retryAfterSeconds: 12 })
      },
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr({ plate: 'P1' })))
    const refused = await conn.readResponse()
    expect(refused.status).toBe(503)
    expect(refused.headers['retry-after']).toBe('12')
    expect(calls).toEqual(['own P1', 'store P1', 'broker P1'])
    expect(errors).toEqual([])

    detachBroker()
    detachBroker() // idempotent
    await conn.write(postRequest(ipcLpr({ plate: 'P2' })))
    expect((await conn.readResponse()).headers['retry-after']).toBe('3')
    expect(calls.slice(3)).toEqual(['own P2', 'store P2'])
    expect(server.stats()).toMatchObject({ refused: 2, acknowledged: 0 })
    expect(await drain(events, server)).toEqual([])
  })

  it('acknowledges when one sink takes the event and another fails with an ordinary error', async () => {
    const errors: ViewtronServerError[] = []
    const stored: string[] = []
    const { server, port } = await startTestServer({ onError: (error) => void errors.push(error) })
    const events = server.events()
    server.use({ onEvent: (event) => void stored.push((event as LprEvent).plateNumber) })
    server.use({
      onEvent: () => {
        throw new Error('bridge bug')
      },
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr({ plate: 'OK1' })))
    expect((await conn.readResponse()).text).toBe(SUCCESS_REPLY)
    expect(stored).toEqual(['OK1'])
    expect(errors.map((e) => [e.callback, e.message])).toEqual([
      ['onEvent', 'onEvent failed for 127.0.0.1: bridge bug'],
    ])
    expect(await drain(events, server)).toEqual(['OK1'])
  })

  it('runs attached handlers concurrently and holds the reply until every one has settled', async () => {
    const first = deferred()
    const second = deferred()
    const started: string[] = []
    const { server, port } = await startTestServer()
    server.use({
      onEvent: async () => {
        started.push('a')
        await first.promise
      },
    })
    server.use({
      onEvent: async () => {
        started.push('b')
        await second.promise
      },
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr()))
    // Both run before either finished: concurrently, not one after the other.
    await waitFor(() => started.length === 2, 'both handlers to start')
    first.resolve()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(conn.pending.length).toBe(0) // no reply while one handler is still working
    second.resolve()
    expect((await conn.readResponse()).text).toBe(SUCCESS_REPLY)
  })

  it("skips the attached handlers when the server's own onEvent refuses", async () => {
    const attached: string[] = []
    const { server, port } = await startTestServer({
      onEvent: () => {
        throw new RefusePost('own refusal')
      },
    })
    server.use({ onEvent: () => void attached.push('sink') })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr()))
    expect((await conn.readResponse()).status).toBe(503)
    expect(attached).toEqual([])
  })

  it('calls handlers as methods of the object given, for alarm status, heartbeats and presence too', async () => {
    class Sink implements ViewtronHandlers {
      readonly log: string[] = []
      onAlarmStatus(status: AlarmStatus, clientIp: string): void {
        this.log.push(`alarm ${status.alarms[0]?.active} ${clientIp}`)
      }
      onKeepalive(): void {
        this.log.push('keepalive')
      }
      onPresence(_camera: unknown, online: boolean): void {
        this.log.push(`presence ${online}`)
      }
    }
    const { server, port } = await startTestServer()
    const sink = new Sink()
    const detach = server.use(sink)
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(''))
    await conn.readResponse()
    await conn.write(postRequest(ipcAlarmStatus(true)))
    await conn.readResponse()
    expect(sink.log).toEqual(['presence true', 'keepalive', 'alarm true 127.0.0.1'])
    detach()
    await conn.write(postRequest(''))
    await conn.readResponse()
    expect(sink.log).toHaveLength(3)
  })

  it('refuses an alarm post when an attached onAlarmStatus refuses', async () => {
    const { server, port } = await startTestServer()
    server.use({
      onAlarmStatus: () => {
        throw new RefusePost()
      },
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcAlarmStatus(false)))
    const res = await conn.readResponse()
    expect(res.status).toBe(503)
    expect(res.headers['retry-after']).toBe('5')
    expect(server.stats()).toMatchObject({ refused: 1, alarmStatus: 0 })
  })

  it('rejects what is not a set of handlers', async () => {
    const { server } = await startTestServer()
    expect(() => server.use(null as unknown as ViewtronHandlers)).toThrow(TypeError)
    expect(() => server.use({})).toThrow(/at least one of onEvent, onAlarmStatus/)
    expect(() => server.use({ onEvent: 'x' as unknown as () => void })).toThrow(
      /onEvent must be a function/,
    )
  })
})
