import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeJpeg } from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type LprEvent,
  parseEvent,
  SUCCESS_REPLY,
  type ViewtronServerError,
} from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { runChild } from '../helpers/run-child.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'
import { tinyDisk } from '../helpers/tiny-disk.js'

afterEach(teardown)

const CHILD = 'test/server/fixtures/file-size-limit.child.ts'

/**
 * A real JPEG of about 24 KB. It is decoded and written in one or two writes, so the system
 * accepts the last write only in part (a short count, no error): exactly the write that used to
 * leave a truncated file reported as stored.
 */
const JPEG = makeJpeg({ width: 320, height: 240, seed: 12, targetBytes: 24_000 })
const LIMIT_KIB = 16

describe('an image the system writes only in part', () => {
  it('is never reported as stored on a small disk: path null, error, file removed (sync writes)', (context) => {
    expect(JPEG.length).toBeGreaterThan(LIMIT_KIB * 1024 + 4096)
    const disk = tinyDisk(LIMIT_KIB * 1024)
    if ('skip' in disk) {
      console.warn(`[viewtron] small-disk test skipped: ${disk.skip}`)
      context.skip()
      return
    }
    const result = parseEvent(ipcLpr({ plate: 'SHORT1', crop: JPEG.toString('base64') }), {
      images: { dir: disk.dir },
    })
    expect(result.kind).toBe('event')
    const event = (result as { event: LprEvent }).event
    expect(event.plateNumber).toBe('SHORT1')
    expect(event.targetImage).toMatchObject({ path: null, valid: true })
    expect(event.targetImage?.error).toMatch(/ENOSPC/)
    expect(readdirSync(disk.dir)).toEqual([])
  })

  it('is never reported as stored on a small disk; the post is acknowledged and onError told (async writes)', async (context) => {
    const disk = tinyDisk(LIMIT_KIB * 1024)
    if ('skip' in disk) {
      console.warn(`[viewtron] small-disk test skipped: ${disk.skip}`)
      context.skip()
      return
    }
    const errors: ViewtronServerError[] = []
    const { server, origin } = await startTestServer({
      images: { dir: disk.dir },
      onError: (error) => void errors.push(error),
    })
    const events = server.events()
    const client = track(new Client(origin), (c) => c.destroy())
    const body = ipcLpr({ plate: 'SHORT2', crop: JPEG.toString('base64') })
    const res = await client.request({ path: '/API', method: 'POST', body })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
    const event = (await events.next()).value as LprEvent
    expect(event.plateNumber).toBe('SHORT2')
    expect(event.targetImage).toMatchObject({ path: null, valid: true })
    expect(event.targetImage?.error).toMatch(/ENOSPC/)
    expect(errors.map((e) => [e.code, (e.cause as NodeJS.ErrnoException).code])).toEqual([
      ['VIEWTRON_IMAGE_WRITE_FAILED', 'ENOSPC'],
    ])
    expect(readdirSync(disk.dir)).toEqual([])
  })

  it('is never reported as stored under a file-size limit (ulimit -f), sync and async writes', async () => {
    const dir = track(mkdtempSync(join(tmpdir(), 'viewtron-fsize-')), (d) =>
      rmSync(d, { recursive: true, force: true }),
    )
    const { code, stdout, stderr } = await runChild(CHILD, [dir, JPEG.toString('base64')], {
      exitWithinMs: 30_000,
      shell: `ulimit -f ${LIMIT_KIB}`,
    })
    expect(code, stderr).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.sync).toMatchObject({ kind: 'event', plate: 'LIMIT', files: [] })
    expect(report.sync.image.path).toBeNull()
    expect(report.sync.image.error).toMatch(/EFBIG/)
    expect(report.async).toMatchObject({
      status: 200,
      reply: SUCCESS_REPLY,
      plate: 'LIMIT',
      files: [],
      errors: [{ code: 'VIEWTRON_IMAGE_WRITE_FAILED', cause: 'EFBIG' }],
    })
    expect(report.async.image.path).toBeNull()
    expect(report.async.image.error).toMatch(/EFBIG/)
  }, 40_000)
})
