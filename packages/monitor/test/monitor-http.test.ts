import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { startMonitor } from '../src/index.js'
import type { WireEvent, WireState } from '../src/wire.js'
import { lprEvent, monitorOnFreePort, nvrLprEvent } from './helpers.js'

const JPEG_SOI = Buffer.from([0xff, 0xd8])
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

/** Reads a stream until `count` frames of type `event` arrived (or times out), then aborts. */
async function readFrames(
  url: string,
  headers: Record<string, string>,
  until: (text: string) => boolean,
): Promise<string> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), 10_000)
  let text = ''
  try {
    const { body, headers: replyHeaders } = await request(url, { headers, signal: abort.signal })
    expect(replyHeaders['content-type']).toMatch(/^text\/event-stream/)
    for await (const chunk of body) {
      text += chunk.toString()
      if (until(text)) break
    }
  } finally {
    clearTimeout(timer)
    abort.abort()
  }
  return text
}

const eventIds = (text: string): string[] =>
  [...text.matchAll(/^id: (\S+)$/gm)].map((match) => match[1] as string)

describe('monitor HTTP server', () => {
  it('serves the built page, its assets as immutable, and unknown paths as 404', async () => {
    const monitor = await monitorOnFreePort()
    const page = await request(monitor.url)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    const html = await page.body.text()
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    const asset = await request(new URL(script as string, monitor.url))
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toContain('immutable')
    await asset.body.dump()
    const missing = await request(new URL('/nothing-here', monitor.url))
    expect(missing.statusCode).toBe(404)
    await missing.body.dump()
  })

  it('shows an event as JSON without image bytes, and its images as cacheable image/jpeg', async () => {
    const monitor = await monitorOnFreePort()
    monitor.publish(await lprEvent({ plate: 'KXT4821' }))
    const state = (await (
      await request(new URL('/api/state', monitor.url))
    ).body.json()) as WireState
    const [event] = state.events as [WireEvent]
    expect(event).toMatchObject({ category: 'lpr', plate: 'KXT4821', cameraName: 'Gate Camera' })
    expect(state.cameras).toHaveLength(1)
    expect(state.cameras[0]).toMatchObject({ online: true, events: 1, clientIp: '10.0.0.7' })
    expect(state.counters.byCategory.lpr).toBe(1)
    expect(JSON.stringify(state)).not.toMatch(/\/9j\//) // no base64 JPEG anywhere
    const crop = event.images.find((image) => image.role === 'target')
    expect(crop?.url).toMatch(/^\/images\/[a-z0-9]+\/1\/\d\.jpg$/)
    const image = await request(new URL(crop?.url as string, monitor.url))
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/jpeg')
    expect(image.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    const bytes = Buffer.from(await image.body.arrayBuffer())
    expect(bytes.subarray(0, 2)).toEqual(JPEG_SOI)
    expect(bytes.byteLength).toBe(crop?.bytes)
    const again = await request(new URL(crop?.url as string, monitor.url), {
      headers: { 'if-none-match': String(image.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
    await again.body.dump()
  })

  it('keeps images within the cache budget, evicting the oldest (404 afterwards)', async () => {
    const first = await lprEvent({ plate: 'AAA111', seed: 1 })
    const perEvent = first.images.reduce((sum, image) => sum + image.byteLength, 0)
    // Room for about three events' images.
    const monitor = await monitorOnFreePort({ cacheBytes: Math.floor(perEvent * 3.5) })
    monitor.publish(first)
    for (let i = 2; i <= 6; i++) monitor.publish(await lprEvent({ plate: `AAA11${i}`, seed: i }))
    expect(monitor.stats().cachedBytes).toBeLessThanOrEqual(perEvent * 3.5)
    const state = (await (
      await request(new URL('/api/state', monitor.url))
    ).body.json()) as WireState
    const oldest = state.events.at(-1)?.images[0]?.url as string
    const newest = state.events[0]?.images[0]?.url as string
    const gone = await request(new URL(oldest, monitor.url))
    expect(gone.statusCode).toBe(404)
    await gone.body.dump()
    const kept = await request(new URL(newest, monitor.url))
    expect(kept.statusCode).toBe(200)
    await kept.body.dump()
  })

  it('streams events with ids and resumes after Last-Event-ID from the replay buffer', async () => {
    const monitor = await monitorOnFreePort({ replay: 3 })
    const stream = new URL('/api/stream', monitor.url).href
    for (let i = 1; i <= 5; i++) monitor.publish(await lprEvent({ plate: `RES${i}00`, seed: i }))
    const state = (await (
      await request(new URL('/api/state', monitor.url))
    ).body.json()) as WireState
    const run = state.run
    // Missed 4 and 5 only: both still in the buffer of 3.
    const resumed = await readFrames(stream, { 'last-event-id': `${run}.3` }, (text) =>
      text.includes('event: cameras'),
    )
    expect(eventIds(resumed)).toEqual([`${run}.4`, `${run}.5`])
    expect(resumed).toContain('RES500')
    expect(resumed).not.toContain('event: reset')
    // Event 1 was overwritten: the page is told to start again.
    const tooOld = await readFrames(stream, { 'last-event-id': `${run}.1` }, (text) =>
      text.includes('event: cameras'),
    )
    expect(tooOld).toContain('event: reset')
    expect(eventIds(tooOld)).toEqual([])
    // An id from another run (the server restarted) resets too.
    const otherRun = await readFrames(stream, { 'last-event-id': 'zzz.4' }, (text) =>
      text.includes('event: cameras'),
    )
    expect(otherRun).toContain('event: reset')
    // Live: a new event arrives on an open stream with the next id.
    const live = readFrames(stream, { 'last-event-id': `${run}.5` }, (text) =>
      text.includes(`id: ${run}.6`),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    monitor.publish(await nvrLprEvent('LIVE600'))
    const text = await live
    expect(eventIds(text)).toEqual([`${run}.6`])
    expect(text).toContain('LIVE600')
  })

  it('asks for credentials on every request when auth is set, and never echoes them', async () => {
    const monitor = await monitorOnFreePort({ auth: { username: 'admin', password: 's3cret!' } })
    for (const path of ['/', '/api/state', '/api/stream', '/images/x/1/0.jpg']) {
      const reply = await request(new URL(path, monitor.url))
      expect(reply.statusCode).toBe(401)
      expect(reply.headers['www-authenticate']).toMatch(/^Basic realm=/)
      expect(await reply.body.text()).not.toContain('s3cret')
    }
    const wrong = await request(new URL('/api/state', monitor.url), {
      headers: { authorization: basic('admin', 's3cret') },
    })
    expect(wrong.statusCode).toBe(401)
    await wrong.body.dump()
    const right = await request(new URL('/api/state', monitor.url), {
      headers: { authorization: basic('admin', 's3cret!') },
    })
    expect(right.statusCode).toBe(200)
    expect(await right.body.text()).not.toContain('s3cret')
  })

  it('refuses to start on a non-loopback address without auth', async () => {
    await expect(startMonitor({ port: 0, host: '0.0.0.0' })).rejects.toThrow(
      /host 0\.0\.0\.0 .*auth/,
    )
    const withAuth = await monitorOnFreePort({
      host: '0.0.0.0',
      auth: { username: 'u', password: 'p' },
    })
    expect(withAuth.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/)
  })

  it('without auth, answers only requests addressed to this machine (no DNS rebinding)', async () => {
    const monitor = await monitorOnFreePort()
    const rebound = await request(new URL('/api/state', monitor.url), {
      headers: { host: 'evil.example:8080' },
    })
    expect(rebound.statusCode).toBe(421)
    await rebound.body.dump()
    const local = await request(new URL('/api/state', monitor.url), {
      headers: { host: `localhost:${new URL(monitor.url).port}` },
    })
    expect(local.statusCode).toBe(200)
    await local.body.dump()
  })

  it('answers search with 404 when no store is attached', async () => {
    const monitor = await monitorOnFreePort()
    const reply = await request(new URL('/api/search?plate=KXT', monitor.url))
    expect(reply.statusCode).toBe(404)
    expect(await reply.body.json()).toMatchObject({ error: expect.stringContaining('store') })
  })
})
