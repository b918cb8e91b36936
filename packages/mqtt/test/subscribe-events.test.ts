import { LprEvent, TrajectEvent } from '@viewtron/core'
import { ipcFacePost, ipcLprPost, ipcPerimeterPost, ipcTrajectPost } from '@viewtron/fixtures'
import { byCategory, pipe, take } from '@viewtron/helpers'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttEvent, subscribeEvents } from '../src/index.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker
let bridge: MqttBridge
const header = 'capture' as const

beforeEach(async () => {
  broker = await startBroker()
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a' })
  await bridge.ready()
})

afterEach(async () => {
  await bridge.close()
  await removeBroker(broker)
})

/** Waits until the broker accepted the consumer's subscription (a retained probe comes back). */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 500))
}

it('yields core-shaped events with id, cameraId and image bytes; repeats by id are dropped', async () => {
  const events = subscribeEvents({ url: broker.url })
  await settle()
  const lpr = eventOf(
    ipcLprPost({ header, device: GATE, plate: 'CONSUME1', listType: 'whiteList' }),
  )
  await bridge.handlers.onEvent(lpr, '10.0.0.5')
  // The camera's retry of the same post: same id, dropped by the consumer.
  await bridge.handlers.onEvent(
    eventOf(ipcLprPost({ header, device: GATE, plate: 'CONSUME1', listType: 'whiteList' })),
    '10.0.0.5',
  )
  const face = eventOf(ipcFacePost({ header, device: GATE }))
  await bridge.handlers.onEvent(face, '10.0.0.5')

  const first = (await events.next()).value as MqttEvent
  expect(first).toBeInstanceOf(LprEvent)
  if (first.category !== 'lpr') throw new Error(first.category)
  expect(first.plateNumber).toBe('CONSUME1')
  expect(first.plateList).toBe('whiteList')
  expect(first.cameraId).toBe('585b69aa0001')
  expect(first.nodeId).toBe('node-a')
  expect(first.id).toMatch(/^[0-9a-f]{24}$/)
  expect(first.time).toEqual(lpr.time)
  expect(first.device).toEqual(lpr.device)
  expect(first.getPlateNumber()).toBe('CONSUME1')
  expect(first.sourceImage?.bytes()).toEqual(lpr.sourceImage?.bytes())
  expect(first.targetImage?.bytes()).toEqual(lpr.targetImage?.bytes())
  expect(first.images.map((image) => image.role)).toEqual(lpr.images.map((image) => image.role))
  const json = first.toJSON()
  expect(json).toMatchObject({
    category: 'lpr',
    id: first.id,
    cameraId: '585b69aa0001',
    plateNumber: 'CONSUME1',
  })
  expect(JSON.stringify(json)).not.toMatch(/\/9j\//)

  const second = (await events.next()).value as MqttEvent
  expect(second.category).toBe('face')
  expect(second.targetImage?.bytes()).toEqual(face.targetImage?.bytes())
  await events.return?.()
})

it('works with the helpers combinators unchanged', async () => {
  const events = subscribeEvents({ url: broker.url, categories: ['lpr', 'intrusion'] })
  await settle()
  for (let i = 0; i < 3; i++) {
    await bridge.handlers.onEvent(
      eventOf(ipcPerimeterPost({ header, device: GATE, time: `2026032910000${i}` })),
      '10.0.0.5',
    )
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header, device: GATE, plate: `HELP${i}` })),
      '10.0.0.5',
    )
    await bridge.handlers.onEvent(
      eventOf(ipcFacePost({ header, device: GATE, time: `2026032910000${i}` })),
      '10.0.0.5',
    )
  }
  const plates: string[] = []
  for await (const event of pipe(events, byCategory('lpr'), take(3))) plates.push(event.plateNumber)
  expect(plates).toEqual(['HELP0', 'HELP1', 'HELP2'])
})

it('acknowledges a message only once the loop took it: what a stopped consumer never took is redelivered', async () => {
  const session = { url: broker.url, clientId: 'slow-worker', maxInFlight: 2 }
  const first = subscribeEvents(session)
  await settle()
  for (let i = 0; i < 20; i++) {
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header, device: GATE, plate: `BP${i}`, images: 'small' })),
      '10.0.0.5',
    )
  }
  const taken: string[] = []
  for (let i = 0; i < 3; i++) {
    const event = (await first.next()).value as MqttEvent
    if (event.category === 'lpr') taken.push(event.plateNumber)
  }
  await first.return?.()
  expect(taken).toEqual(['BP0', 'BP1', 'BP2'])
  // A new run of the same worker (persistent session) gets everything it did not take, in order
  // (delivery is at least once: a message taken just before the stop may come again).
  const second = subscribeEvents({ ...session, signal: AbortSignal.timeout(30_000) })
  const all = Array.from({ length: 20 }, (_, i) => `BP${i}`)
  for await (const event of second) {
    if (event.category === 'lpr') taken.push(event.plateNumber)
    if (taken.includes('BP19')) break
  }
  expect([...new Set(taken)]).toEqual(all)
})

it('ends with the signal and throws its reason', async () => {
  const controller = new AbortController()
  const events = subscribeEvents({ url: broker.url, signal: controller.signal })
  const pending = events.next()
  controller.abort(new Error('stop'))
  await expect(pending).rejects.toThrow('stop')
})

it('yields traject events (QoS 0) when asked for by category, and only then', async () => {
  await bridge.close()
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a', traject: true })
  await bridge.ready()
  const asked = subscribeEvents({ url: broker.url, categories: ['traject', 'lpr'] })
  const everything = subscribeEvents({ url: broker.url })
  await settle()
  await bridge.handlers.onEvent(eventOf(ipcTrajectPost({ header, device: GATE })), '10.0.0.5')
  await bridge.handlers.onEvent(
    eventOf(ipcLprPost({ header, device: GATE, plate: 'AFTER', images: 'small' })),
    '10.0.0.5',
  )
  const first = (await asked.next()).value as MqttEvent
  expect(first).toBeInstanceOf(TrajectEvent)
  expect(first).toMatchObject({ category: 'traject', cameraId: '585b69aa0001', nodeId: 'node-a' })
  expect(((await asked.next()).value as MqttEvent).category).toBe('lpr')
  // Without categories: every category but traject.
  expect(((await everything.next()).value as MqttEvent).category).toBe('lpr')
  await asked.return?.()
  await everything.return?.()
})
