import { afterEach, describe, expect, it } from 'vitest'
import { type CameraInfo, RefusePost, type ViewtronServerError } from '../../src/index.js'
import { deviceInfoKeepalive, ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

/** Short for a test, yet long enough that a loaded machine never stalls that long between posts. */
const OFFLINE_AFTER_MS = 800

interface Change {
  clientIp: string
  online: boolean
  /** performance.now() when reported. */
  at: number
  camera: CameraInfo
}

async function send(conn: RawConnection, body: string): Promise<void> {
  await conn.write(postRequest(body))
  expect((await conn.readResponse()).status).toBe(200)
}

describe('presence', () => {
  it('goes online → offline → online, once per change, offline only offlineAfterMs after the last post', async () => {
    const changes: Change[] = []
    const lastPost = new Map<string, number>()
    const { server, port } = await startTestServer({
      offlineAfterMs: OFFLINE_AFTER_MS,
      onPresence: (camera, online) =>
        void changes.push({ clientIp: camera.clientIp, online, at: performance.now(), camera }),
    })
    const conn = await RawConnection.open(port)
    // Taken before the request is written: the server notes the post when it arrives, which is
    // later, so the offline report must come at least offlineAfterMs after this moment. (Taken
    // after the reply, it would include the reply's own time and the bound would not hold.)
    const post = async (body: string) => {
      lastPost.set('127.0.0.1', performance.now())
      await send(conn, body)
    }
    await post('')
    expect(changes.map((c) => c.online)).toEqual([true])
    expect(server.cameras.get('127.0.0.1')?.online).toBe(true)
    // More posts while online change nothing.
    await post(deviceInfoKeepalive('Porch'))
    await post(ipcLpr())
    expect(changes).toHaveLength(1)

    const sentBefore = lastPost.get('127.0.0.1') as number
    await waitFor(() => changes.length === 2, 'the device to go offline')
    const offline = changes[1] as Change
    expect(offline.online).toBe(false)
    expect(offline.at - sentBefore).toBeGreaterThanOrEqual(OFFLINE_AFTER_MS - 1)
    expect(offline.camera).toMatchObject({ online: false, posts: 3, keepalives: 2 })
    expect(offline.camera.device?.name).toBe('Gate')
    expect(server.cameras.get('127.0.0.1')?.online).toBe(false)

    // Silence goes on for several more periods: offline is reported once per outage.
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_AFTER_MS * 2))
    expect(changes).toHaveLength(2)

    // Any post brings it back, and that post's reply waits for onPresence.
    await post(ipcLpr())
    expect(changes.map((c) => c.online)).toEqual([true, false, true])
    expect(changes[2]?.camera).toMatchObject({ online: true, posts: 4 })
    expect(server.cameras.get('127.0.0.1')?.online).toBe(true)
    await waitFor(() => changes.length === 4, 'the device to go offline again')
    expect(changes[3]?.online).toBe(false)
  })

  it('tracks each client IP on its own', async () => {
    const changes: string[] = []
    const { port } = await startTestServer({
      offlineAfterMs: 200,
      onPresence: (camera, online) => void changes.push(`${camera.clientIp} ${online}`),
    })
    const a = await RawConnection.open(port, '127.0.0.1')
    const b = await RawConnection.open(port, '127.0.0.2')
    await send(a, '')
    await send(b, '')
    await waitFor(() => changes.length === 4, 'both devices to go offline')
    expect(changes.slice(0, 2)).toEqual(['127.0.0.1 true', '127.0.0.2 true'])
    expect(changes.slice(2).sort()).toEqual(['127.0.0.1 false', '127.0.0.2 false'])
  })

  it('gives onPresence a copy that later posts do not change', async () => {
    const seen: CameraInfo[] = []
    const { server, port } = await startTestServer({
      onPresence: (camera) => void seen.push(camera),
    })
    const conn = await RawConnection.open(port)
    await send(conn, '')
    await send(conn, '')
    expect(seen).toHaveLength(1)
    expect(seen[0]?.posts).toBe(1)
    expect(Object.isFrozen(seen[0])).toBe(true)
    expect(server.cameras.get('127.0.0.1')?.posts).toBe(2)
  })

  it('reports onPresence errors (a RefusePost included) and still acknowledges', async () => {
    const errors: ViewtronServerError[] = []
    const { server, port } = await startTestServer({
      onPresence: () => {
        throw new RefusePost('presence cannot refuse')
      },
      onError: (error) => void errors.push(error),
    })
    const conn = await RawConnection.open(port)
    await send(conn, ipcLpr())
    expect(errors.map((e) => e.callback)).toEqual(['onPresence'])
    expect(server.stats()).toMatchObject({ refused: 0, acknowledged: 1 })
  })

  it('checks offlineAfterMs', async () => {
    const { ViewtronServer } = await import('../../src/index.js')
    expect(() => new ViewtronServer({ offlineAfterMs: 0 })).toThrow(RangeError)
    expect(() => new ViewtronServer({ offlineAfterMs: 1.5 })).toThrow(/offlineAfterMs/)
    expect(() => new ViewtronServer({ offlineAfterMs: '90' as unknown as number })).toThrow(
      TypeError,
    )
    expect(() => new ViewtronServer({ onPresence: 'yes' as unknown as () => void })).toThrow(
      /onPresence must be a function/,
    )
  })
})
