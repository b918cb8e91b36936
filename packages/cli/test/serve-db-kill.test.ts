import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEvent, SUCCESS_REPLY } from '@viewtron/core'
import { ipcLprPost, nvrVehiclePost } from '@viewtron/fixtures'
import { openEventStore, type StoredEvent } from '@viewtron/store'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { checkJpeg } from './helpers/jpeg-check.js'
import { interrupt, startServe } from './helpers/serve-process.js'
import { teardown, track } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

const CAMERAS = 20

/** The image bytes a body carries, by role, as the server decodes them. */
function imagesOf(body: string): Buffer[] {
  const result = parseEvent(body)
  if (result.kind !== 'event') throw new Error(result.kind)
  return result.event.images.map((image) => image.bytes() as Buffer).sort(Buffer.compare)
}

/** A body with a plate unique to this camera and post: IPC cameras and NVR channels alternate. */
function bodyFor(camera: number, n: number): { plate: string; body: string } {
  const plate = `C${String(camera).padStart(2, '0')}N${String(n).padStart(4, '0')}`
  const seed = camera * 1000 + n
  const body =
    camera % 2 === 0
      ? ipcLprPost({ plate, images: 'small', seed, header: 'capture' })
      : nvrVehiclePost({ plate, images: 'small', seed, channelId: camera })
  return { plate, body }
}

describe('serve --db killed with SIGKILL while cameras post', () => {
  it('keeps every acknowledged post with its images, and leaves no orphaned image file', async () => {
    const dir = tempDir()
    const db = join(dir, 'events.db')
    const imagesDir = join(dir, 'images')
    const serve = await startServe(['--db', db, '--images-dir', imagesDir, '--json'])

    /** plate → the image bytes of a post the camera saw acknowledged. */
    const acknowledged = new Map<string, Buffer[]>()
    let stop = false
    const camera = async (index: number): Promise<void> => {
      const origin = new URL(serve.url).origin
      // IPC cameras keep one connection; NVR channels open one per post.
      let client = track(new Client(origin), (c) => c.destroy())
      for (let n = 0; !stop; n++) {
        const { plate, body } = bodyFor(index, n)
        try {
          if (index % 2 === 1) client = track(new Client(origin), (c) => c.destroy())
          const res = await client.request({ path: '/API', method: 'POST', body })
          const text = await res.body.text()
          if (res.statusCode === 200 && text === SUCCESS_REPLY)
            acknowledged.set(plate, imagesOf(body))
        } catch {
          return // the server is gone
        }
      }
    }
    const cameras = Array.from({ length: CAMERAS }, (_, i) => camera(i))
    // Kill while posts are in flight, once a good number went through.
    while (acknowledged.size < 150) await new Promise((resolve) => setTimeout(resolve, 20))
    serve.child.kill('SIGKILL')
    stop = true
    await serve.exited
    await Promise.all(cameras)
    expect(acknowledged.size).toBeGreaterThanOrEqual(150)

    // Restart: the store opens, replays its WAL and removes files no row names.
    const again = await startServe(['--db', db, '--images-dir', imagesDir])
    expect(await interrupt(again)).toBe(0)
    expect(again.stdout()).toMatch(/Stored: \d+ events/)

    const store = await openEventStore({ path: db, imagesDir, readonly: true })
    track(store, (s) => s.close())
    const rows = new Map<string, StoredEvent>()
    for await (const row of store.find()) rows.set(row.plate as string, row)
    for (const [plate, images] of acknowledged) {
      const row = rows.get(plate)
      expect(row, `acknowledged ${plate} is stored`).toBeDefined()
      const stored = (row?.images ?? []).map((image) => {
        checkJpeg(image.path)
        const data = readFileSync(image.path)
        expect(data.length).toBe(image.bytes)
        return data
      })
      expect(stored.sort(Buffer.compare)).toEqual(images)
    }
    // Every file on disk belongs to a row.
    const named = new Set(
      [...rows.values()].flatMap((row) => row.images.map((image) => image.path)),
    )
    const onDisk = readdirSync(imagesDir).flatMap((day) =>
      readdirSync(join(imagesDir, day)).map((file) => join(imagesDir, day, file)),
    )
    expect(onDisk.filter((file) => !named.has(file))).toEqual([])
    expect(onDisk.length).toBe(named.size)
  })
})
