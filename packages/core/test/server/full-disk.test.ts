import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statfsSync } from 'node:fs'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, type ViewtronServerError } from '../../src/index.js'
import { ipcLpr, TINY_JPEG, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'
import { tinyDisk } from '../helpers/tiny-disk.js'

afterEach(teardown)

const SIZE = 256 * 1024

/** A JPEG-looking image of `bytes` bytes (random data after the SOI marker). */
const bigImage = (bytes: number) =>
  Buffer.concat([TINY_JPEG.subarray(0, 2), randomBytes(bytes - 2)]).toString('base64')

describe('a full disk when writing images to a directory', () => {
  it('still delivers the event; the image that did not fit says why; the ones that fit are whole', async (context) => {
    const disk = tinyDisk(SIZE)
    if ('skip' in disk) {
      console.warn(`[viewtron] full-disk test skipped: ${disk.skip}`)
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
    const post = async (body: string) => {
      const res = await client.request({ path: '/API', method: 'POST', body })
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
      return (await events.next()).value as LprEvent
    }

    // 1. A small image fits and is written whole.
    const small = await post(ipcLpr({ plate: 'SMALL', crop: TINY_JPEG_BASE64 }))
    expect(small.targetImage?.path).not.toBeNull()
    const smallPath = small.targetImage?.path as string
    expect(readFileSync(smallPath)).toEqual(TINY_JPEG)
    expect(errors).toEqual([])

    // 2. An image larger than the whole disk: the event still arrives, the image says why.
    const big = await post(ipcLpr({ plate: 'BIG', crop: bigImage(SIZE + 100 * 1024) }))
    expect(big.plateNumber).toBe('BIG')
    expect(big.targetImage).toMatchObject({ path: null, valid: true })
    expect(big.targetImage?.error).toMatch(/ENOSPC/)
    expect(big.targetImage?.bytes()).toBeNull()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      code: 'VIEWTRON_IMAGE_WRITE_FAILED',
      clientIp: '127.0.0.1',
      cause: { code: 'ENOSPC' },
    })
    expect(errors[0]?.message).toMatch(/could not be written/)
    // Its partial file is gone, the small one untouched, and the space is free again.
    expect(readdirSync(disk.dir)).toEqual([smallPath.slice(disk.dir.length + 1)])
    expect(readFileSync(smallPath)).toEqual(TINY_JPEG)
    const { bavail, bsize } = statfsSync(disk.dir)
    expect(bavail * bsize).toBeGreaterThan(SIZE - 16 * 1024)

    // 3. The next image fits again and is written whole; the first is still intact.
    const after = await post(ipcLpr({ plate: 'AFTER', crop: TINY_JPEG_BASE64 }))
    expect(after.targetImage?.error).toBeNull()
    expect(readFileSync(after.targetImage?.path as string)).toEqual(TINY_JPEG)
    expect(readFileSync(smallPath)).toEqual(TINY_JPEG)
    expect(errors).toHaveLength(1)

    expect(server.stats()).toMatchObject({ acknowledged: 3, errors: 1, events: { lpr: 3 } })
  })

  it('frees the space of an image that did not fit before the next image of the same post', async (context) => {
    const disk = tinyDisk(SIZE)
    if ('skip' in disk) {
      console.warn(`[viewtron] full-disk test skipped: ${disk.skip}`)
      context.skip()
      return
    }
    const { server, origin } = await startTestServer({
      images: { dir: disk.dir },
      onError: () => undefined,
    })
    const events = server.events()
    const client = track(new Client(origin), (c) => c.destroy())
    const body =
      '<config version="1.7"><smartType>PEA</smartType>' +
      `<sourceDataInfo><sourceBase64Data>${bigImage(SIZE + 100 * 1024)}</sourceBase64Data></sourceDataInfo>` +
      `<listInfo><item><targetId>1</targetId><targetImageData><targetBase64Data>${TINY_JPEG_BASE64}` +
      '</targetBase64Data></targetImageData></item></listInfo></config>'
    const res = await client.request({ path: '/API', method: 'POST', body })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
    const event = (await events.next()).value as LprEvent
    expect(event.sourceImage).toMatchObject({ path: null, valid: true })
    expect(event.sourceImage?.error).toMatch(/ENOSPC/)
    expect(event.targetImage?.error).toBeNull()
    const kept = event.targetImage?.path ?? ''
    expect(readFileSync(kept)).toEqual(TINY_JPEG)
    expect(readdirSync(disk.dir)).toEqual([kept.slice(disk.dir.length + 1)])
  })
})
