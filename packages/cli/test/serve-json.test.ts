import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { interrupt, startServe } from './helpers/serve-process.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

describe('viewtron serve --json', () => {
  it('prints one JSON object per event, images summarised, and keeps notes off stdout', async () => {
    const serve = await startServe(['--json'])
    const sent = await simulate({
      target: serve.url,
      mode: 'nvr',
      cameras: 1,
      kinds: ['lpr', 'face'],
      count: 2,
      images: 'small',
    })
    expect(sent.failed).toBe(0)
    expect(await interrupt(serve)).toBe(0)
    const all = serve.stdout().trim().split('\n')
    // The NVR's presence line comes first (its first post); the rest are events.
    expect(JSON.parse(all[0] as string)).toMatchObject({
      type: 'presence',
      online: true,
      clientIp: '127.0.0.1',
    })
    const lines = all.filter((line) => !line.includes('"type":"presence"'))
    expect(lines).toHaveLength(2)
    const [lpr, face] = lines.map((line) => JSON.parse(line))
    expect(lpr).toMatchObject({
      category: 'lpr',
      alarmType: 'vehicle',
      source: 'nvr',
      format: 'v2',
      device: { name: 'Yard NVR', channelId: 1 },
      clientIp: '127.0.0.1',
    })
    expect(typeof lpr.plateNumber).toBe('string')
    expect(lpr.images).toEqual([
      expect.objectContaining({ role: 'source', byteLength: 1060, valid: true, path: null }),
      expect.objectContaining({ role: 'target', width: 32, height: 16, valid: true, path: null }),
    ])
    expect(face).toMatchObject({ category: 'face', alarmType: 'videoFaceDetect' })
    expect(face.faces[0]).toMatchObject({ sex: 'female', age: 'youth' })
    // Never base64: every line is a few KB at most although the posts carried JPEGs.
    for (const line of lines) expect(line.length).toBeLessThan(4000)
    expect(serve.stderr()).toContain('Viewtron Event Server')
    expect(serve.stderr()).toContain('Server stopped.')
  })
})
