import { describe, expect, it } from 'vitest'
import { runChild } from '../helpers/run-child.js'

const CHILD = 'test/server/fixtures/shutdown-under-load.child.ts'
const EXIT_WITHIN_MS = 45_000

interface Summary {
  connections: number
  seconds: number
  acked: number
  receivedFast: number
  receivedSlow: number
  missing: { fast: number; slow: number }
  inFlightAtShutdown: number
  finishedDuringShutdown: number
  sentAfterShutdown: number
  ackedAfterShutdown: string[]
  outcomes: { before: Record<string, number>; after: Record<string, number> }
  errors: string[]
  server: Record<string, number>
}

describe('shutdown() under load from 100 connections (child process)', () => {
  it('delivers every acknowledged event to both subscribers, acknowledges nothing sent after it began, and exits by itself', async () => {
    const { code, ms, stdout, stderr } = await runChild(CHILD, [], { exitWithinMs: EXIT_WITHIN_MS })
    expect(code, stderr).toBe(0)
    const line = stdout.trim().split('\n').at(-1) ?? ''
    const summary = JSON.parse(line) as Summary
    console.log(`[shutdown-under-load] exited by itself after ${ms} ms: ${line}`)

    expect(summary.connections).toBe(100)
    expect(summary.errors).toEqual([])
    // Load was real: many acknowledged posts, some bodies in flight when shutdown began, and
    // requests that arrived after it began.
    expect(summary.acked).toBeGreaterThan(500)
    expect(summary.sentAfterShutdown).toBeGreaterThan(0)
    // Every acknowledged event reached every subscriber.
    expect(summary.missing).toEqual({ fast: 0, slow: 0 })
    expect(summary.receivedFast).toBe(summary.server.events)
    expect(summary.receivedSlow).toBe(summary.server.events)
    expect(summary.server.acknowledged).toBe(summary.acked)
    // No post that arrived after shutdown began was acknowledged with 200: each got a 503, a
    // reset or a refused connection.
    expect(summary.ackedAfterShutdown).toEqual([])
    expect(summary.outcomes.after['200']).toBeUndefined()
    for (const outcome of Object.keys(summary.outcomes.after)) {
      expect(['503', 'ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']).toContain(outcome)
    }
    // Nothing left on the server side.
    expect(summary.server).toMatchObject({ connections: 0, inFlight: 0, queues: 0 })
  })
})
