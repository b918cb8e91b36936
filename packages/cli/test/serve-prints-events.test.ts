import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { interrupt, startServe } from './helpers/serve-process.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

describe('viewtron serve', () => {
  it('prints the banner, one readable line per event, and a summary on Ctrl-C', async () => {
    const serve = await startServe()
    expect(serve.stdout()).toContain('Viewtron Event Server')
    expect(serve.stdout()).toContain('Ready for camera events...')
    const sent = await simulate({
      target: serve.url,
      mode: 'mixed',
      cameras: 2,
      kinds: ['lpr'],
      count: 2,
      images: 'small',
      traject: false,
    })
    expect(sent.failed).toBe(0)
    // The camera's plate and the NVR channel's plate, each with its images' sizes.
    await serve.waitFor(/Yard NVR ch1 +lpr +License Plate Detection/)
    const lines = serve.stdout().split('\n')
    const camera = lines.find((line) => /Gate Camera +lpr/.test(line))
    expect(camera).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}Gate Camera +lpr +License Plate Detection +\w+/,
    )
    expect(camera).toMatch(/overview 64x48 1 KB, crop 32x16 730 B$/)
    const nvr = lines.find((line) => line.includes('Yard NVR ch1'))
    expect(nvr).toMatch(/overview 1 KB, crop 32x16 730 B$/)

    expect(await interrupt(serve)).toBe(0)
    const summary = serve.stdout().slice(serve.stdout().indexOf('Server stopped.'))
    expect(summary).toContain(`posts         ${sent.posts} (acknowledged ${sent.posts})`)
    expect(summary).toMatch(/events +lpr 2/)
    expect(summary).toMatch(/heartbeats +2/)
    expect(summary).toMatch(/unparsed +0/)
    expect(summary).toMatch(/cameras +1\n +127\.0\.0\.1/)
  })

  it('leaves out traject with --no-traject and other categories with --categories', async () => {
    const serve = await startServe(['--no-traject', '--categories', 'face,intrusion'])
    const sent = await simulate({
      target: serve.url,
      mode: 'ipc',
      cameras: 1,
      kinds: ['lpr', 'face', 'perimeter'],
      count: 3,
      rate: 4,
      images: 'none',
    })
    expect(sent.byKind.traject).toBeGreaterThan(0)
    expect(await interrupt(serve)).toBe(0)
    const events = serve
      .stdout()
      .split('\n')
      .filter((line) => /^\d\d:\d\d/.test(line) && !/ {2}(online|offline)\b/.test(line))
    expect(events.map((line) => line.split(/ {2,}/)[2])).toEqual(['face', 'intrusion'])
    // The server still counted everything it received.
    expect(serve.stdout()).toMatch(/events +lpr 1, face 1, intrusion 1, traject \d+/)
  })

  it('says when the port is taken and exits 1', async () => {
    const first = await startServe()
    const port = new URL(first.url).port
    const { runCli } = await import('./helpers/cli-process.js')
    const second = await runCli(['serve', '--port', port, '--host', '127.0.0.1'])
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`port ${port} is already in use`)
  })
})
