import { setTimeout as sleep } from 'node:timers/promises'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttEvent, subscribeEvents } from '../src/index.js'
import { clientTraffic } from './helpers/broker-log.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let bridge: MqttBridge | null = null

afterEach(async () => {
  await bridge?.close()
  if (broker !== null) await removeBroker(broker)
  broker = null
  bridge = null
})

it('a loop slower than the keep-alive gets every event on one connection; the broker holds the rest', async () => {
  broker = await startBroker(['log_type notice', 'log_type debug'])
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a' })
  await bridge.ready()
  const maxInFlight = 2
  // A clean session: a dropped connection would lose what the broker had sent.
  const events = subscribeEvents({
    url: broker.url,
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
  const traffic = clientTraffic(broker.log(), 'viewtron-consumer-', '/lpr/event')
  expect(traffic.connections).toBe(1)
  // Bounded in flight: the broker sent no more than maxInFlight events ahead of the loop.
  expect(traffic.maxUnacked).toBeGreaterThan(0)
  expect(traffic.maxUnacked).toBeLessThanOrEqual(maxInFlight)
}, 60_000)
