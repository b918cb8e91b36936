import { existsSync, readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { ipcLpr, nvrKeepalive } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown, waitFor } from '../helpers/start-test-server.js'

afterEach(teardown)

/** Open file descriptors of this process (Linux), else active handles as a stand-in. */
function openHandles(): number {
  if (existsSync('/proc/self/fd')) return readdirSync('/proc/self/fd').length
  return process.getActiveResourcesInfo().length
}

const tcpHandles = () =>
  process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length

describe('a camera that reconnects in a loop', () => {
  it('leaves the socket map, stats and descriptors as they were after 400 cycles', async () => {
    const { server, port } = await startTestServer()
    const events = server.events({ overflow: 'drop-oldest', highWaterMark: 8 })
    const fdBefore = openHandles()
    const tcpBefore = tcpHandles()
    const cycles = 400
    for (let i = 0; i < cycles; i++) {
      const raw = await RawConnection.open(port)
      // Alternate the ways a device ends a connection: keep-alive then close, NVR-style
      // `Connection: close`, a reset right after the reply, and leaving before any reply.
      const mode = i % 4
      const body = i % 2 === 0 ? ipcLpr({ plate: `R${i}` }) : nvrKeepalive()
      const headers = mode === 1 ? { Connection: 'close' } : undefined
      await raw.write(postRequest(body, { headers }))
      if (mode === 3) {
        raw.socket.destroy()
        continue
      }
      expect((await raw.readResponse()).status).toBe(200)
      if (mode === 1) await raw.waitClosed()
      else if (mode === 2) raw.socket.resetAndDestroy()
      else raw.socket.end()
    }
    await waitFor(
      () => server.stats().connections === 0 && server.stats().inFlight === 0,
      'every socket to be gone',
    )
    await waitFor(() => tcpHandles() <= tcpBefore, 'the TCP handles to be released')
    const stats = server.stats()
    expect(stats.connectionsTotal).toBe(cycles)
    // The ones that left before their reply may or may not have been read in full.
    const answered = cycles - cycles / 4
    expect(stats.acknowledged).toBeGreaterThanOrEqual(answered)
    expect(stats.acknowledged).toBeLessThanOrEqual(cycles)
    expect(stats.posts - stats.acknowledged).toBeLessThanOrEqual(cycles / 4)
    expect(stats.posts + stats.aborted).toBeLessThanOrEqual(cycles)
    expect(stats.events.lpr + stats.keepalives).toBe(stats.posts)
    expect(stats.errors).toBe(0)
    expect(server.cameras.size).toBe(1)
    expect(server.cameras.get('127.0.0.1')?.posts).toBe(stats.posts)
    // No descriptor growth: a few may be in flight in the runner itself.
    console.log(
      `[reconnect-loop] descriptors ${fdBefore} before, ${openHandles()} after ${cycles} cycles`,
    )
    expect(openHandles()).toBeLessThanOrEqual(fdBefore + 3)
    expect(stats.queues[0]?.depth).toBe(8)
    void events
  })
})
