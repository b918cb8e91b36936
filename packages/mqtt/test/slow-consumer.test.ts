import { setTimeout as sleep } from 'node:timers/promises'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttEvent, subscribeEvents } from '../src/index.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'
import { type MqttProxy, startProxy } from './helpers/mqtt-proxy.js'

let broker: Broker | null = null
let bridge: MqttBridge | null = null
let proxy: MqttProxy | null = null

afterEach(async () => {
  await bridge?.close()
  await proxy?.close()
  if (broker !== null) await removeBroker(broker)
  broker = bridge = proxy = null
})

it('a loop slower than the keep-alive gets every event on one connection; the broker holds the rest', async () => {
  // Mosquitto 2.0 does not always hold back to a client's Receive Maximum while it acknowledges
  // other messages (the images) at once; its own in-flight limit it does keep.
  broker = await startBroker(['max_inflight_messages 2'])
  // The consumer goes through a proxy that sees every packet it gets and acknowledges.
  proxy = await startProxy(broker.port, ['/lpr/event'])
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a' })
  await bridge.ready()
  const maxInFlight = 2
  // A clean session: a dropped connection would lose what the broker had sent.
  const events = subscribeEvents({
    url: proxy.url,
    keepalive: 1,
    maxInFlight,
    signal: AbortSignal.timeout(40_000),
  })
  await sleep(500)
  const plates = Array.from({ length: 5 }, (_, i) => `SLOW${i}`)
  for (const plate of plates) {
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header: 'capture', device: GATE, plate, images: 'small' })),
      '10.0.0.5',
    )
  }
  const taken: string[] = []
  for await (const event of events as AsyncIterable<MqttEvent>) {
    if (event.category === 'lpr') taken.push(event.plateNumber)
    if (taken.length === plates.length) break
    // Three keep-alive periods per event.
    await sleep(3000)
  }
  expect(taken).toEqual(plates)
  expect(proxy.connections()).toBe(1)
  // Bounded in flight: never more than maxInFlight events unacknowledged at the consumer, and
  // it did hold that many (each PUBACK waited for the loop).
  expect(proxy.maxDelivered('/lpr/event')).toBe(maxInFlight)
}, 60_000)
