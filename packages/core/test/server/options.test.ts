import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ViewtronServer, type ViewtronServerOptions } from '../../src/index.js'
import { startTestServer, teardown, track } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('options', () => {
  it.each<[string, ViewtronServerOptions, ErrorConstructor, RegExp]>([
    ['port out of range', { port: 70000 }, RangeError, /^port /],
    ['port not a number', { port: '80' as unknown as number }, TypeError, /^port /],
    ['negative keepAliveTimeout', { keepAliveTimeout: -1 }, RangeError, /^keepAliveTimeout /],
    ['fractional requestTimeout', { requestTimeout: 1.5 }, RangeError, /^requestTimeout /],
    [
      'headersTimeout over requestTimeout',
      { headersTimeout: 10, requestTimeout: 5 },
      RangeError,
      /^headersTimeout /,
    ],
    ['zero maxHeaderSize', { maxHeaderSize: 0 }, RangeError, /^maxHeaderSize /],
    ['callback not a function', { onEvent: 'x' as never }, TypeError, /^onEvent /],
    ['onError not a function', { onError: 1 as never }, TypeError, /^onError /],
    ['path without slash', { path: 'API' }, TypeError, /^path /],
    ['empty host', { host: '' }, TypeError, /^host /],
    ['zero maxBodyBytes', { maxBodyBytes: 0 }, RangeError, /^maxBodyBytes /],
    ['zero maxDepth', { maxDepth: 0 }, RangeError, /^maxDepth /],
    ['bad images mode', { images: 'disk' as never }, TypeError, /^images /],
    ['zero highWaterMark', { queue: { highWaterMark: 0 } }, RangeError, /^queue\.highWaterMark /],
    [
      'unknown overflow',
      { queue: { overflow: 'spill' as never } },
      RangeError,
      /^queue\.overflow /,
    ],
  ])('rejects %s at construction, naming the option', (_, options, type, message) => {
    const make = () => new ViewtronServer(options)
    expect(make).toThrow(type)
    expect(make).toThrow(message)
  })

  it('checks events() options the same way', () => {
    const server = new ViewtronServer()
    expect(() => server.events({ highWaterMark: 0 })).toThrow(RangeError)
    expect(() => server.events({ highWaterMark: 0 })).toThrow(/highWaterMark/)
    expect(() => server.events({ overflow: 'x' as never })).toThrow(/overflow/)
    expect(() => server.events({ signal: {} as AbortSignal })).toThrow(TypeError)
  })
})

describe('listen()', () => {
  it('resolves the bound port, address and URLs, and the same result when called again', async () => {
    const server = track(new ViewtronServer({ port: 0, host: '127.0.0.1' }), (s) => s.shutdown())
    const info = await server.listen()
    expect(info.port).toBeGreaterThan(0)
    expect(info).toEqual({
      port: info.port,
      host: '127.0.0.1',
      urls: [`http://127.0.0.1:${info.port}`],
    })
    expect(await server.listen()).toEqual(info)
  })

  it('lists one URL per IPv4 address when bound to every interface', async () => {
    const server = track(new ViewtronServer({ port: 0 }), (s) => s.shutdown())
    const { host, port, urls } = await server.listen()
    expect(['::', '0.0.0.0']).toContain(host)
    expect(urls).toContain(`http://127.0.0.1:${port}`)
    for (const url of urls) expect(url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:\d+$/)
  })

  it('rejects when the port is taken, and can be retried', async () => {
    const blocker = track(createServer(), (s) => new Promise((resolve) => s.close(resolve)))
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const address = blocker.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    const server = track(new ViewtronServer({ port, host: '127.0.0.1' }), (s) => s.shutdown())
    await expect(server.listen()).rejects.toMatchObject({ code: 'EADDRINUSE' })
    await new Promise((resolve) => blocker.close(resolve))
    expect((await server.listen()).port).toBe(port)
  })

  it('defaults to port 5050', async () => {
    const server = new ViewtronServer({ host: '127.0.0.1' })
    const info = await server.listen().catch((error: NodeJS.ErrnoException) => error)
    // Another process may hold 5050; either way the server asked for it.
    if (info instanceof Error) expect(info).toMatchObject({ code: 'EADDRINUSE', port: 5050 })
    else expect(info.port).toBe(5050)
    await server.shutdown()
  })

  it('passes Node options through to the HTTP server', async () => {
    const { origin } = await startTestServer({ keepAliveTimeout: 7000, maxHeaderSize: 1024 })
    const res = await fetch(`${origin}/`, { headers: { 'x-big': 'a'.repeat(2000) } })
    expect(res.status).toBe(431)
    const ok = await fetch(`${origin}/`)
    expect(ok.headers.get('keep-alive')).toBe('timeout=7')
    await ok.text()
  })
})
