import { request } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ViewtronServer } from '../../src/index.js'
import { teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(() => {
  vi.restoreAllMocks()
  return teardown()
})

function captureConsole(): string[] {
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '))
  })
  return lines
}

describe('serveForever()', () => {
  it("prints the seed's banner, runs until shutdown(), then prints Server stopped.", async () => {
    const lines = captureConsole()
    const server = track(new ViewtronServer({ port: 0 }), (s) => s.shutdown())
    const running = server.serveForever()
    await waitFor(() => lines.some((line) => line.startsWith('Ready')), 'the banner')
    const listening = lines.find((line) => line.startsWith('Listening on'))
    expect(listening).toMatch(/^Listening on http:\/\/\d+\.\d+\.\d+\.\d+:\d+$/)
    expect(lines.filter((line) => line !== '')).toEqual([
      'Viewtron Event Server',
      listening,
      'Ready for camera events...',
    ])
    const port = Number(listening?.split(':').at(-1))
    const res = await request(`http://127.0.0.1:${port}/`)
    expect(await res.body.text()).toBe('Viewtron event server running')
    expect(process.listenerCount('SIGINT')).toBe(1)
    await server.shutdown()
    await running
    expect(lines.at(-1)).toBe('Server stopped.')
    expect(process.listenerCount('SIGINT')).toBe(0)
    expect(process.listenerCount('SIGTERM')).toBe(0)
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('stops gracefully on %s', async (signal) => {
    const lines = captureConsole()
    const server = track(new ViewtronServer({ port: 0, host: '127.0.0.1' }), (s) => s.shutdown())
    const events = server.events()
    const running = server.serveForever()
    await waitFor(() => lines.includes('Ready for camera events...'), 'the banner')
    expect(lines).toContain(`Listening on http://127.0.0.1:${(await server.listen()).port}`)
    process.emit(signal)
    await running
    expect(lines.at(-1)).toBe('Server stopped.')
    expect(await events.next()).toEqual({ done: true, value: undefined })
    expect(process.listenerCount(signal)).toBe(0)
  })
})
