import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type AlarmStatus,
  type LprEvent,
  RefusePost,
  SUCCESS_REPLY,
  type ViewtronEvent,
  type ViewtronServer,
  type ViewtronServerError,
} from '../../src/index.js'
import { ipcAlarmStatus, ipcLpr, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

/** Everything a subscription received, read after shutdown ends it. */
async function drain(events: AsyncIterableIterator<ViewtronEvent>, server: ViewtronServer) {
  await server.shutdown()
  const received: ViewtronEvent[] = []
  for await (const event of events) received.push(event)
  return received
}

describe('RefusePost', () => {
  it('answers 503 with Retry-After, delivers to no subscriber, and the same socket then carries an acknowledged post', async () => {
    const errors: ViewtronServerError[] = []
    let refuse = true
    const { server, port } = await startTestServer({
      onEvent: () => {
        if (refuse) throw new RefusePost('broker offline')
      },
      onError: (error) => void errors.push(error),
    })
    const events = server.events()
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr({ plate: 'REFUSED1' })))
    const refused = await conn.readResponse()
    expect(refused.status).toBe(503)
    expect(refused.headers['retry-after']).toBe('5')
    expect(refused.headers['content-type']).toBe('application/xml')
    expect(refused.headers.connection).not.toBe('close')
    expect(refused.text).toContain('<status>')
    expect(refused.text).not.toBe(SUCCESS_REPLY)
    expect(refused.text).not.toContain('broker offline') // the reason stays in the process
    expect(conn.closed).toBe(false)

    refuse = false
    await conn.write(postRequest(ipcLpr({ plate: 'ACCEPTED1' })))
    const accepted = await conn.readResponse()
    expect(accepted.status).toBe(200)
    expect(accepted.text).toBe(SUCCESS_REPLY)

    expect(errors).toEqual([])
    expect(server.stats()).toMatchObject({ posts: 2, refused: 1, acknowledged: 1 })
    expect(server.stats().events.lpr).toBe(1)
    expect(server.stats().rejected[503]).toBe(0)
    const received = await drain(events, server)
    expect(received.map((event) => (event as LprEvent).plateNumber)).toEqual(['ACCEPTED1'])
  })

  it('delivers a post refused once and sent again (as a device retries) exactly once', async () => {
    let calls = 0
    const { server, port } = await startTestServer({
      onEvent: () => {
        calls++
        if (calls === 1) throw new RefusePost()
      },
    })
    const events = server.events()
    const conn = await RawConnection.open(port)
    const post = postRequest(ipcLpr({ plate: 'RETRIED' }))
    await conn.write(post)
    expect((await conn.readResponse()).status).toBe(503)
    await conn.write(post)
    expect((await conn.readResponse()).status).toBe(200)
    expect(calls).toBe(2)
    const received = await drain(events, server)
    expect(received.map((event) => (event as LprEvent).plateNumber)).toEqual(['RETRIED'])
  })

  it('sends the retryAfterSeconds asked for, rounded up to whole seconds', async () => {
    const { port } = await startTestServer({
      onEvent: async () => {
        throw new RefusePost('disk full', { retryAfterSeconds: 29.2 })
      },
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr()))
    const res = await conn.readResponse()
    expect(res.status).toBe(503)
    expect(res.headers['retry-after']).toBe('30')
  })

  it('lets onAlarmStatus refuse an alarm post, which is then not counted as accepted', async () => {
    const seen: AlarmStatus[] = []
    let refuse = true
    const { server, port } = await startTestServer({
      onAlarmStatus: (status) => {
        seen.push(status)
        if (refuse) throw new RefusePost('store busy', { retryAfterSeconds: 2 })
      },
    })
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcAlarmStatus(true)))
    const res = await conn.readResponse()
    expect(res.status).toBe(503)
    expect(res.headers['retry-after']).toBe('2')
    expect(server.stats()).toMatchObject({ alarmStatus: 0, refused: 1 })
    refuse = false
    await conn.write(postRequest(ipcAlarmStatus(true)))
    expect((await conn.readResponse()).status).toBe(200)
    expect(server.stats()).toMatchObject({ alarmStatus: 1, refused: 1, acknowledged: 1 })
    expect(seen).toHaveLength(2)
  })

  it('keeps acknowledging (and reporting) on any other error', async () => {
    const errors: ViewtronServerError[] = []
    const { server, port } = await startTestServer({
      onEvent: () => {
        throw new RangeError('not a refusal')
      },
      onError: (error) => void errors.push(error),
    })
    const events = server.events()
    const conn = await RawConnection.open(port)
    await conn.write(postRequest(ipcLpr({ plate: 'KEPT' })))
    expect((await conn.readResponse()).status).toBe(200)
    expect(errors.map((error) => error.callback)).toEqual(['onEvent'])
    expect(server.stats().refused).toBe(0)
    expect((await drain(events, server)).length).toBe(1)
  })

  it('removes the image files of a refused post, which the device will send again', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-refuse-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    let refuse = true
    const paths: string[] = []
    const { port } = await startTestServer({
      images: { dir },
      onEvent: (event) => {
        for (const image of event.images) if (image.path !== null) paths.push(image.path)
        if (refuse) throw new RefusePost()
      },
    })
    const conn = await RawConnection.open(port)
    const body = ipcLpr({ crop: TINY_JPEG_BASE64, overview: TINY_JPEG_BASE64 })
    await conn.write(postRequest(body))
    expect((await conn.readResponse()).status).toBe(503)
    expect(paths).toHaveLength(2)
    expect(readdirSync(dir)).toEqual([])
    refuse = false
    await conn.write(postRequest(body))
    expect((await conn.readResponse()).status).toBe(200)
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('is recognised across copies of the package and checks retryAfterSeconds', () => {
    const refusal = new RefusePost()
    expect(refusal).toBeInstanceOf(Error)
    expect(refusal.name).toBe('RefusePost')
    expect(refusal.retryAfterSeconds).toBe(5)
    expect(refusal.message).toBe('the post was refused')
    // A refusal built by another copy of @viewtron/core carries the same brand.
    const foreign = Object.create(Object.getPrototypeOf(refusal)) as object
    expect(foreign instanceof RefusePost).toBe(true)
    expect(new Error('x') instanceof RefusePost).toBe(false)
    expect(new RefusePost('now', { retryAfterSeconds: 0 }).retryAfterSeconds).toBe(0)
    expect(() => new RefusePost('x', { retryAfterSeconds: -1 })).toThrow(RangeError)
    expect(() => new RefusePost('x', { retryAfterSeconds: Number.NaN })).toThrow(
      /retryAfterSeconds/,
    )
  })
})
