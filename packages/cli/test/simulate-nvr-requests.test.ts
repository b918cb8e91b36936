import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli-process.js'
import { startCountingServer } from './helpers/counting-server.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

describe('viewtron simulate --mode nvr', () => {
  it('opens a connection per post with an absolute-URL request line and Connection: close', async () => {
    const server = await startCountingServer()
    const run = await runCli([
      'simulate',
      '--target',
      server.url,
      '--mode',
      'nvr',
      '--cameras',
      '2',
      '--count',
      '3',
      '--rate',
      '4',
      '--images',
      'none',
    ])
    expect(run.code).toBe(0)
    const posts = server.posts
    expect(run.stdout).toContain(`acknowledged  ${posts.length}\n`)
    expect(server.connections).toBe(posts.length)
    for (const post of posts) {
      expect(post.url).toBe(server.url)
      expect(post.headers.connection).toBe('close')
      expect(post.headers['content-type']).toBe('application/soap+xml; charset=utf-8')
      expect(post.body.toString()).toContain('<config version="2.0.0"')
    }
    const bodies = posts.map((post) => post.body.toString())
    // Every channel starts with a messageType keepalive (no channelId), then v2 alarm data.
    expect(bodies[0]).toContain('<messageType>keepalive</messageType>')
    expect(bodies[0]).not.toContain('<channelId>')
    const events = bodies.filter((body) => body.includes('<messageType>alarmData'))
    expect(events).toHaveLength(3)
    expect(events.some((body) => body.includes('<channelId>2</channelId>'))).toBe(true)
    expect(bodies.some((body) => body.includes('<traject'))).toBe(false)
    // NVRs report alarm status before the matching data (protocol §1.7).
    const firstStatus = bodies.findIndex((body) => body.includes('<messageType>alarmStatus'))
    const faceData = bodies.findIndex((body) => body.includes('videoFaceDetect'))
    expect(firstStatus).toBeGreaterThan(-1)
    expect(firstStatus).toBeLessThan(faceData)
  })
})
