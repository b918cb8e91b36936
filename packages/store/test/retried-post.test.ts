import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { RefusePost, SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { openEventStore } from '../src/index.js'
import { tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('a post another sink refused, sent again by the camera', () => {
  it('is stored once, without a second copy of its images', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const imagesDir = join(dir, 'images')
    const store = await openEventStore({ path: join(dir, 'events.db'), imagesDir })
    cleanups.push(() => store.close())
    const server = new ViewtronServer({ port: 0, host: '127.0.0.1' })
    store.attach(server)
    // A sink after the store (a broker, say) that refuses each post the first time it sees it.
    const seen = new Set<string>()
    server.use({
      onEvent: (event) => {
        const key = event.category === 'lpr' ? event.plateNumber : event.rawTime
        if (seen.has(key)) return
        seen.add(key)
        throw new RefusePost('the broker is away')
      },
    })
    const { port } = await server.listen()
    cleanups.push(() => server.shutdown())
    const client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client.destroy())
    const post = async (body: string) => {
      const res = await client.request({ path: '/API', method: 'POST', body })
      const text = await res.body.text()
      return { status: res.statusCode, acknowledged: text === SUCCESS_REPLY }
    }

    const gate = ipcLprPost({ plate: 'RETRY1', images: 'small', header: 'capture' })
    expect(await post(gate)).toEqual({ status: 503, acknowledged: false })
    expect(await post(gate)).toEqual({ status: 200, acknowledged: true })
    // Another event at the same device time is another row.
    const other = ipcLprPost({ plate: 'OTHER2', images: 'small', header: 'capture' })
    expect(await post(other)).toEqual({ status: 503, acknowledged: false })
    expect(await post(other)).toEqual({ status: 200, acknowledged: true })

    const rows = []
    for await (const row of store.find({})) rows.push(row)
    expect(rows.map((row) => row.plate).sort()).toEqual(['OTHER2', 'RETRY1'])
    // The files on disk are exactly the kept rows' images.
    const kept = rows.flatMap((row) => row.images.map((image) => image.path))
    const files = readdirSync(imagesDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
    expect(kept.length).toBeGreaterThan(0)
    expect(files.sort()).toEqual(kept.sort())
    expect(store.stats().events).toBe(2)
  })
})
