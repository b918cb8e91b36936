import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeJpeg } from '@viewtron/fixtures'
import { afterEach, describe, expect, it } from 'vitest'
import { hasCommand } from '../helpers/has-command.js'
import { runChild } from '../helpers/run-child.js'
import { teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

const CHILD = 'test/server/fixtures/image-fsync.child.ts'

describe('image files an event names', () => {
  it('are fsynced, and so is their directory, before the event is delivered (sync and async writes)', async (context) => {
    if (!hasCommand('strace', ['-V'])) {
      console.warn('[viewtron] image-fsync test skipped: strace is not installed')
      context.skip()
      return
    }
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-fsync-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const log = join(dir, 'strace.log')
    const jpeg = makeJpeg({ width: 64, height: 48, seed: 5 })
    // -y prints each descriptor with its path: every fsync shows which file it made durable.
    const { code, stdout, stderr } = await runChild(CHILD, [dir, jpeg.toString('base64')], {
      exitWithinMs: 60_000,
      prefix: ['strace', '-f', '-qq', '-y', '-e', 'trace=fsync,fdatasync', '-o', log],
    })
    expect(code, stderr).toBe(0)
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<
      'sync' | 'async',
      { dir: string; files: string[] }
    >
    // A call another thread interrupts is logged in two parts ("<unfinished ...>", then
    // "<... fsync resumed>) = 0"), so calls and results are checked separately.
    const trace = readFileSync(log, 'utf8')
    expect(trace).not.toMatch(/= -1/)
    const synced = new Set(
      [...trace.matchAll(/f(?:data)?sync\(\d+<([^>]+)>/g)].map((match) => match[1]),
    )
    for (const mode of ['sync', 'async'] as const) {
      const { dir: imageDir, files } = report[mode]
      expect(files).toHaveLength(2)
      for (const file of files) {
        expect(synced.has(file), `${mode}: ${file} fsynced`).toBe(true)
        expect(readFileSync(file)).toEqual(jpeg)
      }
      expect(synced.has(imageDir), `${mode}: its directory fsynced`).toBe(true)
    }
  }, 90_000)
})
