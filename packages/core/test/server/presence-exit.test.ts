import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CORE = fileURLToPath(new URL('../../', import.meta.url))
const CHILD = 'test/server/fixtures/presence-exit.child.ts'
/** Far below the child's 60 s offlineAfterMs, far above its real run time even on a busy machine. */
const EXIT_WITHIN_MS = 30_000

describe('presence timer after shutdown() (child process)', () => {
  it('leaves nothing running: the process exits by itself', async () => {
    const { code, stdout, stderr } = await new Promise<{
      code: number | null
      stdout: string
      stderr: string
    }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', './test/helpers/register-ts.mjs', CHILD], {
        cwd: CORE,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk
      })
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk
      })
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`the child did not exit within ${EXIT_WITHIN_MS} ms\n${out}\n${err}`))
      }, EXIT_WITHIN_MS)
      child.once('error', reject)
      child.once('exit', (exitCode) => {
        clearTimeout(timer)
        resolve({ code: exitCode, stdout: out, stderr: err })
      })
    })
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      statuses: [200, 200],
      presence: ['127.0.0.1 true'],
      stored: ['lpr'],
    })
  }, 40_000)
})
