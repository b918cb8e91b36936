import { setTimeout as sleep } from 'node:timers/promises'
import { ipcPerimeterPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { eventIdOf } from '../src/index.js'
import { eventOf, GATE } from './helpers/events.js'
import { aBridge, aBroker, aRecorder, cleanUp } from './helpers/rig.js'

afterEach(cleanUp)

const STATE = 'viewtron/585b69aa0001/intrusion/state'
const intrusion = (time: string, images: 'none' | 'small') =>
  eventOf(ipcPerimeterPost({ header: 'capture', device: GATE, time, images }))

it('a reconnect does not re-publish an older state over the newer one of a delivery in flight', async () => {
  const broker = await aBroker()
  const bridge = await aBridge(broker.url, { reconnectPeriod: 200, brokerTimeoutMs: 30_000 })
  await bridge.handlers.onEvent(intrusion('20260329100000', 'none'), '10.0.0.5')
  // The newer event goes out (no images: event and state at once) to a frozen broker, which is
  // then killed: mqtt.js sends it again from its store on the next connection, before the
  // bridge re-publishes what it knows.
  broker.pause()
  const newerEvent = intrusion('20260329100500', 'none')
  const newer = bridge.handlers.onEvent(newerEvent, '10.0.0.5')
  await sleep(300)
  await broker.stop('SIGKILL')
  await broker.start()
  await newer
  await sleep(500)
  const recorder = await aRecorder(broker.url, STATE)
  const state = await recorder.waitFor((m) => m.topic === STATE)
  expect(JSON.parse(state.payload.toString()).id).toBe(eventIdOf(newerEvent, '585b69aa0001'))
}, 60_000)

it('after a reconnect mid-delivery, the images are on the broker before their event', async () => {
  const broker = await aBroker()
  const bridge = await aBridge(broker.url, { reconnectPeriod: 200, brokerTimeoutMs: 30_000 })
  await bridge.handlers.onEvent(intrusion('20260329100000', 'small'), '10.0.0.5')
  broker.pause()
  const post = bridge.handlers.onEvent(intrusion('20260329100500', 'small'), '10.0.0.5')
  await sleep(300)
  await broker.stop('SIGKILL')
  await broker.start()
  const recorder = await aRecorder(broker.url, 'viewtron/585b69aa0001/intrusion/#')
  await post
  const event = await recorder.waitFor((m) => m.topic.endsWith('/intrusion/event'))
  const id = JSON.parse(event.payload.toString()).id as string
  const order = recorder.messages
    .filter((m) => m.userProperties.eventId === id)
    .map((m) => m.topic.split('/').slice(2).join('/'))
  // Each image came before the event that names them.
  expect(order.indexOf('intrusion/event')).toBeGreaterThan(0)
  for (const topic of order.slice(0, order.indexOf('intrusion/event'))) {
    expect(topic).toMatch(/^intrusion\/image\//)
  }
}, 60_000)
