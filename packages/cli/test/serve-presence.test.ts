import { emptyHeartbeat, ipcKeepalivePost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli-process.js'
import { interrupt, jsonRecords, startServe } from './helpers/serve-process.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

async function post(url: string, body: string): Promise<void> {
  const res = await request(url, { method: 'POST', body })
  await res.body.text()
  expect(res.statusCode).toBe(200)
}

describe('viewtron serve presence', () => {
  it('prints a line when a device comes online, goes offline after --offline-after, and comes back', async () => {
    const serve = await startServe(['--offline-after', '1'])
    await post(serve.url, ipcKeepalivePost())
    await serve.waitFor(/^\d\d:\d\d:\d\d\.\d{3} {2}.*127\.0\.0\.1\)? {2}online$/m)
    await serve.waitFor(/ {2}offline {2}\(nothing received for \d+ s\)$/m)
    await post(serve.url, emptyHeartbeat())
    await serve.waitFor(/online[\s\S]*offline[\s\S]*online$/m)
    expect(await interrupt(serve)).toBe(0)
    const presence = serve
      .stdout()
      .split('\n')
      .filter((line) => / {2}(online|offline)\b/.test(line))
    expect(presence.map((line) => line.split(/ {2}/)[2])).toEqual(['online', 'offline', 'online'])
  })

  it('prints each change as a JSON line with --json', async () => {
    const serve = await startServe(['--json', '--offline-after', '1'])
    await post(serve.url, emptyHeartbeat())
    await serve.waitFor(/"online":false/)
    expect(await interrupt(serve)).toBe(0)
    const records = jsonRecords(serve)
    expect(records).toEqual([
      expect.objectContaining({ type: 'presence', online: true, clientIp: '127.0.0.1', posts: 1 }),
      expect.objectContaining({ type: 'presence', online: false, clientIp: '127.0.0.1', posts: 1 }),
    ])
    expect(Date.parse(records[1].time) - Date.parse(records[1].lastSeen)).toBeGreaterThanOrEqual(
      1000,
    )
  })

  it('refuses an --offline-after that is not a whole number of seconds', async () => {
    const result = await runCli(['serve', '--offline-after', '0.5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/--offline-after must be an integer from 1/)
  })
})
