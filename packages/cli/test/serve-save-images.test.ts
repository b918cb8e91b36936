import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { checkJpeg } from './helpers/jpeg-check.js'
import { interrupt, jsonEvents, startServe } from './helpers/serve-process.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

const NAME =
  /^\d{8}-\d{6}\.\d{3}_[A-Za-z0-9.-]+_[a-z]+(_[A-Z0-9]+)?_(overview|crop)(-\d)?(_\d+)?\.jpg$/

describe('viewtron serve --save-images', () => {
  it('writes each image as a decodable JPEG named after time, camera, category and plate', async () => {
    const dir = tempDir()
    const serve = await startServe(['--save-images', dir, '--json'])
    const sent = await simulate({
      target: serve.url,
      mode: 'mixed',
      cameras: 2,
      kinds: ['lpr', 'face'],
      count: 4,
      rate: 4,
      images: 'real',
      traject: false,
    })
    expect(sent.failed).toBe(0)
    expect(await interrupt(serve)).toBe(0)
    const events = jsonEvents(serve)
    expect(events).toHaveLength(4)
    const files = readdirSync(dir).sort()
    expect(files).toHaveLength(8)
    for (const file of files) expect(file).toMatch(NAME)
    // The JSON names the files; each is a complete, decodable JPEG of the declared size.
    for (const event of events) {
      for (const image of event.images) {
        expect(files).toContain(image.path.slice(dir.length + 1))
        const size = checkJpeg(image.path)
        if (image.width !== null) expect(size).toEqual({ width: image.width, height: image.height })
      }
    }
    const plate = events.find((e) => e.category === 'lpr' && e.device.channelId === null)
    expect(plate.images[0].path).toContain(`_Gate-Camera_lpr_${plate.plateNumber}_overview.jpg`)
    expect(checkJpeg(join(dir, files[0] as string)).width).toBeGreaterThan(100)
    expect(serve.stderr()).toMatch(/images saved +8 in /)
  })

  it('deletes the images of events --categories leaves out', async () => {
    const dir = tempDir()
    const serve = await startServe(['--save-images', dir, '--categories', 'lpr'])
    await simulate({
      target: serve.url,
      mode: 'ipc',
      cameras: 1,
      kinds: ['lpr', 'face'],
      count: 2,
      rate: 4,
      images: 'small',
      traject: false,
    })
    expect(await interrupt(serve)).toBe(0)
    const files = readdirSync(dir)
    expect(files).toHaveLength(2)
    for (const file of files) expect(file).toContain('_lpr_')
  })

  it('names files after a multi-byte plate and a hostile device name, safely, and prints their paths', async () => {
    const dir = tempDir()
    const serve = await startServe(['--save-images', dir, '--json'])
    const body = ipcLprPost({
      plate: '京A·12345',
      header: 'capture',
      device: { name: 'Gate: 1/2 <x>', mac: '58:5b:69:5a:84:bb', sn: 'I1', ip: '' },
      images: 'small',
    })
    for (let i = 0; i < 2; i++) {
      const res = await request(serve.url, { method: 'POST', body })
      await res.body.text()
      expect(res.statusCode).toBe(200)
    }
    expect(await interrupt(serve)).toBe(0)
    const files = readdirSync(dir).sort()
    // Three images per post; the same event twice has the same time: unique names all the same.
    expect(files).toHaveLength(6)
    for (const file of files) {
      expect(file).toMatch(
        /^\d{8}-\d{6}\.\d{3}_Gate-1-2-x_lpr_京A-12345_(overview|crop)(-2)?(_2)?\.jpg$/,
      )
    }
    const events = jsonEvents(serve)
    const paths = events.flatMap((event) =>
      event.images.map((image: { path: string }) => image.path),
    )
    expect(paths.sort()).toEqual(files.map((file) => join(dir, file)))
    for (const path of paths) checkJpeg(path)
  })
})
