import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli-process.js'
import { startCountingServer } from './helpers/counting-server.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

describe('viewtron simulate --mode ipc', () => {
  it('keeps one connection per camera and posts v1 bodies with origin-form request lines', async () => {
    const server = await startCountingServer()
    const args = [
      '--mode',
      'ipc',
      '--cameras',
      '2',
      '--count',
      '4',
      '--rate',
      '4',
      '--images',
      'none',
    ]
    const run = await runCli(['simulate', '--target', server.url, ...args])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const posts = server.posts
    expect(run.stdout).toContain(`posts         ${posts.length} `)
    expect(run.stdout).toContain(`acknowledged  ${posts.length}\n`)
    expect(run.stdout).toContain('failed        0\n')
    expect(server.connections).toBe(2)
    for (const post of posts) {
      expect(post.method).toBe('POST')
      expect(post.url).toBe('/API')
      expect(post.headers['content-type']).toBe('application/xml; charset=utf-8')
      expect(post.headers.connection).toBe('keep-alive')
      expect(Number(post.headers['content-length'])).toBe(post.body.length)
    }
    // Each camera opens with its heartbeat: one sends empty ones, the other DeviceInfo ones.
    const first = [1, 2].map((c) => posts.find((post) => post.connection === c))
    const openers = first.map((post) => post?.body.toString() ?? 'missing')
    expect(openers).toContain('')
    expect(openers.find((body) => body !== '')).toMatch(/^<\?xml[^>]*>\s*<DeviceInfo>/)
    const bodies = posts.map((post) => post.body.toString())
    const events = bodies.filter((body) => body.includes('<smartType'))
    expect(events).toHaveLength(4)
    for (const body of events) expect(body).toContain('<config version="1.7"')
    expect(bodies.filter((body) => body.includes('<traject')).length).toBeGreaterThan(8)
  })

  it('posts to /API when the target is a bare origin', async () => {
    const server = await startCountingServer()
    const origin = new URL(server.url).origin
    const run = await runCli([
      'simulate',
      '--target',
      origin,
      '--mode',
      'ipc',
      '--cameras',
      '1',
      '--count',
      '1',
      '--images',
      'none',
    ])
    expect(run.code).toBe(0)
    expect(new Set(server.posts.map((post) => post.url))).toEqual(new Set(['/API']))
  })

  it('exits 1 and says why when posts are not acknowledged', async () => {
    const server = await startCountingServer((post) =>
      post.body.length === 0 ? { status: 200, body: 'OK' } : { status: 503, body: 'busy' },
    )
    const run = await runCli([
      'simulate',
      '--target',
      server.url,
      '--mode',
      'ipc',
      '--cameras',
      '1',
      '--count',
      '1',
      '--images',
      'none',
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('acknowledged  0\n')
    expect(run.stdout).toMatch(/error +HTTP 503 \(\d+x\)/)
    expect(run.stdout).toMatch(/error +reply is not the success XML \(1x\)/)
  })
})
