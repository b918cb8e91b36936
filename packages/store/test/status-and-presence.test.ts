import { join } from 'node:path'
import { SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcAlarmStatusPost, ipcKeepalivePost } from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { openEventStore } from '../src/index.js'
import { tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const until = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 20_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('alarm status and presence tables', () => {
  it('stores alarm on/off states and when a camera went offline and came back', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const store = await openEventStore({ path: join(dir, 'events.db') })
    cleanups.push(() => store.close())
    const server = new ViewtronServer({ port: 0, host: '127.0.0.1', offlineAfterMs: 300 })
    const detach = store.attach(server)
    const { port } = await server.listen()
    cleanups.push(() => server.shutdown())
    const client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client.destroy())
    const post = async (body: string) => {
      const res = await client.request({ path: '/API', method: 'POST', body })
      expect(await res.body.text()).toBe(SUCCESS_REPLY)
    }

    await post(ipcKeepalivePost())
    await post(
      ipcAlarmStatusPost({
        alarms: [
          { name: 'perimeterAlarm', value: true, id: 2 },
          { name: 'tripwireAlarm', value: false },
        ],
      }),
    )
    const statuses = await store.alarmStatuses()
    expect(statuses.map((s) => [s.name, s.active, s.ruleId])).toEqual(
      expect.arrayContaining([
        ['perimeterAlarm', true, '2'],
        ['tripwireAlarm', false, '1'],
      ]),
    )
    expect(statuses[0]?.clientIp).toBe('127.0.0.1')
    expect(statuses[0]?.deviceMac).toBe('58:5b:69:3c:11:a0')

    // Silent past offlineAfterMs: offline; the next post: online again.
    await until(async () => (await store.presence()).length >= 2, 'the offline change')
    await post(ipcKeepalivePost())
    await until(async () => (await store.presence()).length >= 3, 'the online change')
    const changes = (await store.presence({ camera: '127.0.0.1' })).reverse()
    expect(changes.map((change) => change.online)).toEqual([true, false, true])
    expect(changes[1]?.deviceName).toBe('Gate Camera')
    expect(store.stats()).toMatchObject({ alarmStatuses: 2, presenceChanges: 3 })

    // Detached: nothing more is stored.
    detach()
    await post(ipcAlarmStatusPost())
    expect((await store.alarmStatuses()).length).toBe(2)
  })
})
