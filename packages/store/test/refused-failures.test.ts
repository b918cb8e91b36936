import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcAlarmStatusPost, ipcLprPost } from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { openEventStore } from '../src/index.js'
import { tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
}

describe('a store handler failing with something other than a refusal', () => {
  it('refuses the post (503) when the row cannot be built, keeping nothing', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const imagesDir = join(dir, 'images')
    const store = await openEventStore({ path: join(dir, 'events.db'), imagesDir })
    cleanups.push(() => store.close())
    const errors: unknown[] = []
    const server = new ViewtronServer({
      port: 0,
      host: '127.0.0.1',
      onError: (error) => void errors.push(error),
      // The server's own onEvent runs before the store's: an event that cannot be serialised.
      onEvent: (event) => {
        Object.defineProperty(event, 'toJSON', {
          value: () => {
            throw new Error('not serialisable')
          },
        })
      },
    })
    store.attach(server)
    const { port } = await server.listen()
    cleanups.push(() => server.shutdown())
    const client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client.destroy())

    const res = await client.request({
      path: '/API',
      method: 'POST',
      body: ipcLprPost({ plate: 'TOJSON1', images: 'small', header: 'capture' }),
    })
    const text = await res.body.text()
    expect(res.statusCode).toBe(503)
    expect(text).not.toBe(SUCCESS_REPLY)
    expect(res.headers['retry-after']).toBeDefined()
    expect(errors).toEqual([])
    const stats = store.stats()
    expect(stats.events).toBe(0)
    expect(stats.refused).toBe(1)
    // The images written before the row failed were removed again.
    expect(filesUnder(imagesDir)).toEqual([])
  })
  it('refuses an alarm status (503) whose rows cannot be built', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const store = await openEventStore({ path: join(dir, 'events.db') })
    cleanups.push(() => store.close())
    const errors: unknown[] = []
    const server = new ViewtronServer({
      port: 0,
      host: '127.0.0.1',
      onError: (error) => void errors.push(error),
      onAlarmStatus: (status) => {
        Object.defineProperty(status, 'receivedAt', {
          get: () => {
            throw new Error('no receive time')
          },
        })
      },
    })
    store.attach(server)
    const { port } = await server.listen()
    cleanups.push(() => server.shutdown())
    const client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client.destroy())

    const res = await client.request({ path: '/API', method: 'POST', body: ipcAlarmStatusPost() })
    expect(await res.body.text()).not.toBe(SUCCESS_REPLY)
    expect(res.statusCode).toBe(503)
    expect(errors).toEqual([])
    expect(store.stats()).toMatchObject({ alarmStatuses: 0, refused: 1 })
  })
})
