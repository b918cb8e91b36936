import { readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEvent, SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { openEventStore, type StoredEvent } from '../src/index.js'
import { tinyDisk } from './helpers/tiny-disk.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const MIB = 2 ** 20

/** The decoded image bytes of a body, sorted, as the server will decode them. */
function imagesOf(body: string): Buffer[] {
  const result = parseEvent(body)
  if (result.kind !== 'event') throw new Error(result.kind)
  return result.event.images.map((image) => image.bytes() as Buffer).sort(Buffer.compare)
}

describe('a full disk under the event store', () => {
  it('refuses posts with 503 + Retry-After while full, accepts them once space is freed, loses nothing acknowledged', async (context) => {
    const disk = tinyDisk(4 * MIB)
    if ('skip' in disk) {
      console.warn(`[viewtron] store full-disk test skipped: ${disk.skip}`)
      context.skip()
      return
    }
    cleanups.push(disk.remove)
    // Room the test frees later, as an operator deleting something would.
    const filler = join(disk.dir, 'filler')
    writeFileSync(filler, Buffer.alloc(2 * MIB, 1))
    const imagesDir = join(disk.dir, 'images')
    const store = await openEventStore({ path: join(disk.dir, 'events.db'), imagesDir })
    cleanups.push(() => store.close())
    const errors: unknown[] = []
    const server = new ViewtronServer({
      port: 0,
      host: '127.0.0.1',
      onError: (error) => void errors.push(error),
    })
    store.attach(server)
    const { port } = await server.listen()
    cleanups.push(() => server.shutdown())
    const client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client.destroy())

    const acknowledged = new Map<string, Buffer[]>()
    const post = async (n: number) => {
      const plate = `FULL${String(n).padStart(3, '0')}`
      const body = ipcLprPost({ plate, seed: n % 2, header: 'capture' })
      const res = await client.request({ path: '/API', method: 'POST', body })
      const text = await res.body.text()
      if (res.statusCode === 200) {
        expect(text).toBe(SUCCESS_REPLY)
        acknowledged.set(plate, imagesOf(body))
      }
      return { status: res.statusCode, retryAfter: res.headers['retry-after'], text }
    }

    // 1. Post until the disk is full: the first refusal is a 503 with Retry-After.
    let n = 0
    let refused: Awaited<ReturnType<typeof post>> | null = null
    while (refused === null && n < 100) {
      const reply = await post(n++)
      if (reply.status !== 200) refused = reply
    }
    expect(acknowledged.size).toBeGreaterThan(0)
    expect(refused?.status).toBe(503)
    expect(refused?.retryAfter).toBe('5')
    expect(refused?.text).not.toBe(SUCCESS_REPLY)
    // Take whatever room the refused post's removed files gave back: still full, still refused,
    // on the same connection.
    const rest = join(disk.dir, 'rest')
    const { bavail, bsize } = statfsSync(disk.dir)
    try {
      writeFileSync(rest, Buffer.alloc(bavail * bsize, 1))
    } catch {
      // ENOSPC: the part written fills the disk just as well
    }
    expect((await post(n++)).status).toBe(503)
    expect(store.stats().refused).toBeGreaterThanOrEqual(2)

    // 2. Space comes back: posts are acknowledged again, without a restart.
    rmSync(filler)
    rmSync(rest)
    const after = await post(n++)
    expect(after.status).toBe(200)
    expect((await post(n++)).status).toBe(200)

    // 3. Every acknowledged post is stored whole; refused ones left no file behind.
    const rows = new Map<string, StoredEvent>()
    for await (const row of store.find()) rows.set(row.plate as string, row)
    expect([...rows.keys()].sort()).toEqual([...acknowledged.keys()].sort())
    for (const [plate, images] of acknowledged) {
      const stored = (rows.get(plate)?.images ?? []).map((image) => readFileSync(image.path))
      expect(stored.sort(Buffer.compare)).toEqual(images)
    }
    const named = new Set([...rows.values()].flatMap((row) => row.images.map((i) => i.path)))
    const onDisk = readdirSync(imagesDir).flatMap((day) =>
      readdirSync(join(imagesDir, day)).map((file) => join(imagesDir, day, file)),
    )
    expect(onDisk.sort()).toEqual([...named].sort())
    // A refusal is the store's answer, not a failure to report.
    expect(errors).toEqual([])
  })
})
