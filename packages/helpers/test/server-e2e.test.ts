import { type LprEvent, type ViewtronEvent, ViewtronServer } from '@viewtron/core'
import {
  ipcLprPost,
  ipcTrajectPost,
  nvrDetectionPost,
  nvrFacePost,
  nvrVehiclePost,
} from '@viewtron/fixtures'
import { Client } from 'undici'
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest'
import {
  byCamera,
  byCategory,
  dedupePlates,
  dropTraject,
  merge,
  pipe,
  route,
  take,
  withImages,
} from '../src/index.js'

const SUCCESS = '<status>success</status>'
const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(options: ConstructorParameters<typeof ViewtronServer>[0] = {}) {
  const server = new ViewtronServer({ port: 0, host: '127.0.0.1', ...options })
  cleanups.push(() => server.shutdown())
  const { port } = await server.listen()
  const client = new Client(`http://127.0.0.1:${port}`)
  cleanups.push(() => client.close())
  /** Posts like a camera on its keep-alive connection; resolves once acknowledged. */
  const post = async (body: string): Promise<void> => {
    const res = await client.request({
      method: 'POST',
      path: '/API',
      body,
      headers: { 'content-type': 'application/xml' },
    })
    expect(await res.body.text()).toContain(SUCCESS)
  }
  return { server, post }
}

const lpr = (plate: string) => ipcLprPost({ plate, images: 'placeholder' })
const traject = (id: number) =>
  ipcTrajectPost({
    targets: [{ targetId: id, targetType: 'person', rect: { x1: 1, y1: 2, x2: 3, y2: 4 } }],
  })

describe('helpers against a real ViewtronServer', () => {
  it('byCategory narrows a live mixed stream to LPR events, in posting order', async () => {
    const { server, post } = await start()
    const lprs = pipe(server.events(), byCategory('lpr'), take(3))
    expectTypeOf(lprs).toEqualTypeOf<AsyncIterable<LprEvent>>()
    const seen: string[] = []
    const reading = (async () => {
      for await (const event of lprs) seen.push(event.plateNumber)
    })()
    await post(lpr('AAA111'))
    await post(traject(4))
    await post(nvrFacePost({ images: 'placeholder' }))
    await post(nvrVehiclePost({ plate: 'BBB222', images: 'placeholder' }))
    await post(nvrDetectionPost({ smartType: 'regionIntrusion', images: 'placeholder' }))
    await post(lpr('CCC333'))
    await reading
    expect(seen).toEqual(['AAA111', 'BBB222', 'CCC333'])
  })

  it('leaving the pipe early unsubscribes from the server, which keeps answering', async () => {
    const { server, post } = await start({ queue: { highWaterMark: 2 } })
    const first = pipe(server.events(), dropTraject(), take(1))
    const reading = (async () => {
      const out: ViewtronEvent[] = []
      for await (const event of first) out.push(event)
      return out
    })()
    expect(server.stats().queues).toHaveLength(1)
    await post(lpr('ONE'))
    expect((await reading).map((e) => e.getPlateNumber())).toEqual(['ONE'])
    expect(server.stats().queues).toHaveLength(0)
    // With nobody subscribed and a tiny high-water mark, posts are still acknowledged.
    for (let i = 0; i < 10; i++) await post(lpr(`P${i}`))
  })

  it('dedupePlates passes one read per plate per camera while a car waits', async () => {
    const { server, post } = await start()
    const plates = pipe(
      server.events(),
      dedupePlates({ windowMs: 60_000 }),
      byCategory('lpr'),
      take(2),
    )
    const reading = (async () => {
      const out: string[] = []
      for await (const event of plates) out.push(event.plateNumber)
      return out
    })()
    for (let i = 0; i < 5; i++) await post(lpr('GATE1'))
    await post(lpr('GATE2'))
    expect(await reading).toEqual(['GATE1', 'GATE2'])
  })

  it('merge interleaves two servers and break releases both subscriptions', async () => {
    const a = await start()
    const b = await start()
    const both = merge(a.server.events(), b.server.events())
    const posting = (async () => {
      for (let i = 0; i < 3; i++) {
        await a.post(lpr(`A${i}`))
        await b.post(lpr(`B${i}`))
      }
    })()
    const seen: string[] = []
    for await (const event of both) {
      seen.push(event.getPlateNumber())
      if (seen.length === 6) break
    }
    await posting
    expect(seen.filter((p) => p.startsWith('A'))).toEqual(['A0', 'A1', 'A2'])
    expect(seen.filter((p) => p.startsWith('B'))).toEqual(['B0', 'B1', 'B2'])
    expect(a.server.stats().queues).toHaveLength(0)
    expect(b.server.stats().queues).toHaveLength(0)
  })

  it('route dispatches live events by category and stops on abort', async () => {
    const { server, post } = await start()
    const controller = new AbortController()
    const seen: string[] = []
    const routing = route(
      server.events(),
      {
        lpr: (event) => {
          seen.push(`lpr:${event.plateNumber}`)
        },
        traject: () => {
          seen.push('traject')
        },
        default: (event) => {
          seen.push(event.category)
        },
      },
      { signal: controller.signal },
    )
    await post(lpr('R1'))
    await post(traject(9))
    await post(nvrFacePost({ images: 'placeholder' }))
    while (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    await routing
    expect(seen).toEqual(['lpr:R1', 'traject', 'face'])
    expect(server.stats().queues).toHaveLength(0)
  })

  it('byCamera and withImages filter on the real client IP, channel and decoded images', async () => {
    const { server, post } = await start()
    const filtered = pipe(
      server.events(),
      byCamera({ ip: '127.0.0.1', channelId: 2 }),
      withImages(),
      take(1),
    )
    const reading = (async () => {
      for await (const event of filtered) return event
      return null
    })()
    await post(nvrVehiclePost({ plate: 'CH1', channelId: 1, images: 'small' }))
    await post(nvrVehiclePost({ plate: 'CH2', channelId: 2, images: 'placeholder' }))
    await post(nvrVehiclePost({ plate: 'CH2IMG', channelId: 2, images: 'small' }))
    const event = await reading
    expect(event?.getPlateNumber()).toBe('CH2IMG')
    expect(event?.clientIp).toBe('127.0.0.1')
    expect(event?.sourceImage?.valid).toBe(true)
  })
})
