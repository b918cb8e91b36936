import { setTimeout as sleep } from 'node:timers/promises'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, subscribeEvents } from '../src/index.js'
import { macOf } from './helpers/camera-fleet.js'
import { eventOf, GATE } from './helpers/events.js'
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

it('many posts waiting on a frozen broker at once raise no MaxListenersExceededWarning', async () => {
  broker = await startBroker()
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a', brokerTimeoutMs: 1000 })
  await bridge.ready()
  const warnings: Error[] = []
  const onWarning = (warning: Error): void => {
    warnings.push(warning)
  }
  process.on('warning', onWarning)
  try {
    broker.pause()
    const events = Array.from({ length: 15 }, (_, n) =>
      eventOf(
        ipcLprPost({ header: 'capture', device: { ...GATE, mac: macOf(n) }, plate: `W${n}` }),
      ),
    )
    const results = await Promise.allSettled(
      events.map((event) => bridge?.handlers.onEvent(event, '10.0.0.5')),
    )
    for (const result of results) expect(result.status).toBe('rejected')
    // Warnings are emitted on the next tick.
    await sleep(50)
  } finally {
    process.off('warning', onWarning)
  }
  expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([])
  broker.resume()
  await bridge.close()
})
