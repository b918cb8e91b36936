import { describe, expect, it } from 'vitest'
import { runChild } from '../helpers/run-child.js'

const CHILD = 'test/server/fixtures/presence-exit.child.ts'
/** Far below the child's 60 s offlineAfterMs, far above its real run time even on a busy machine. */
const EXIT_WITHIN_MS = 30_000

describe('presence timer after shutdown() (child process)', () => {
  it('leaves nothing running: the process exits by itself', async () => {
    const { code, stdout, stderr } = await runChild(CHILD, [], { exitWithinMs: EXIT_WITHIN_MS })
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      statuses: [200, 200],
      presence: ['127.0.0.1 true'],
      stored: ['lpr'],
    })
  }, 40_000)
})
