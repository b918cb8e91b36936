import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, subscribeEvents } from '../src/index.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let bridge: MqttBridge | null = null

afterEach(async () => {
  // stop() must end a broker that is still paused.
  if (broker !== null) await removeBroker(broker)
  broker = null
  bridge = null
})

/** Resolves to how long `work` took, or rejects once it took longer than `limitMs`. */
async function bounded(work: Promise<unknown>, limitMs: number): Promise<number> {
  const began = Date.now()
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${limitMs} ms`)), limitMs)
  })
  try {
    await Promise.race([work, late])
    return Date.now() - began
  } finally {
    clearTimeout(timer)
  }
}

it('bridge.close() returns within a bound when the broker is frozen (connection open, nothing answered)', async () => {
  broker = await startBroker()
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a', brokerTimeoutMs: 1000 })
  await bridge.ready()
  broker.pause()
  expect(await bounded(bridge.close(), 8000)).toBeLessThan(8000)
})

it('leaving a subscribeEvents loop returns within a bound when the broker is frozen', async () => {
  broker = await startBroker()
  const events = subscribeEvents({ url: broker.url })
  // Connected and subscribed.
  await sleep(500)
  broker.pause()
  expect(await bounded(events.return?.() ?? Promise.resolve(), 8000)).toBeLessThan(8000)
})

it("the test broker's stop() ends a paused broker", async () => {
  broker = await startBroker()
  broker.pause()
  expect(await bounded(broker.stop(), 10_000)).toBeLessThan(10_000)
})
