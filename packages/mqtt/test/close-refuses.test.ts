import { RefusePost } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge } from '../src/index.js'
import { macOf } from './helpers/camera-fleet.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let bridge: MqttBridge | null = null

afterEach(async () => {
  if (broker !== null) await removeBroker(broker)
  broker = bridge = null
})

it('close() refuses at once the posts waiting for room in the pending limits', async () => {
  broker = await startBroker()
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'node-a',
    maxPendingEvents: 1,
    brokerTimeoutMs: 60_000,
  })
  await bridge.ready()
  broker.pause()
  const post = (n: number) =>
    bridge?.handlers.onEvent(
      eventOf(
        ipcLprPost({ header: 'capture', device: { ...GATE, mac: macOf(n) }, plate: `Q${n}` }),
      ),
      '10.0.0.5',
    ) as Promise<void>
  // The first holds the only place, waiting for a PUBACK; the others wait for room.
  const results = [post(0), post(1), post(2)].map((p) =>
    p.then(
      () => 'acknowledged',
      (error: unknown) => (error instanceof RefusePost ? 'refused' : String(error)),
    ),
  )
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(bridge.stats().pendingEvents).toBe(1)
  const began = Date.now()
  await bridge.close()
  // Well below the 60 s broker timeout: refused at close, not left hanging.
  const settled = await Promise.race([
    Promise.all(results),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 10_000)),
  ])
  expect(settled).toEqual(['refused', 'refused', 'refused'])
  expect(Date.now() - began).toBeLessThan(10_000)
}, 30_000)
