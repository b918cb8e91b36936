import { mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type LprEvent, SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { openEventStore } from '../src/index.js'
import { expectJpeg, tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('a server writing images to a folder, with the store attached', () => {
  it("links the server's complete files instead of copying them", async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const serverImages = join(dir, 'server-images')
    mkdirSync(serverImages)
    const store = await openEventStore({ path: join(dir, 'events.db') })
    cleanups.push(() => store.close())
    const server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: { dir: serverImages } })
    store.attach(server)
    const events = server.events()
    const { port } = await server.listen()
    cleanups.push(() => server.shutdown())
    const client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client.destroy())

    const res = await client.request({
      path: '/API',
      method: 'POST',
      body: ipcLprPost({ plate: 'LINK123', images: 'small', header: 'capture' }),
    })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
    const event = (await events.next()).value as LprEvent
    const { value: row } = await store.find({ plate: 'LINK123' }).next()
    expect(row?.images.length).toBe(event.images.length)
    for (const image of row?.images ?? []) {
      expectJpeg(image.path, image.bytes)
      const original = event.images.find(
        (candidate) =>
          candidate.path !== null && statSync(candidate.path).ino === statSync(image.path).ino,
      )
      expect(original, 'the stored file is a link to the server file').toBeDefined()
      expect(readFileSync(image.path)).toEqual(readFileSync(original?.path as string))
      expect(statSync(image.path).nlink).toBe(2)
    }
  })
})
