import { setTimeout as sleep } from 'node:timers/promises'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { macOf } from './helpers/camera-fleet.js'
import { eventOf, GATE } from './helpers/events.js'
import { type MqttProxy, startProxy } from './helpers/mqtt-proxy.js'
import { aBridge, aBroker, cleanUp } from './helpers/rig.js'

let proxy: MqttProxy | null = null

afterEach(async () => {
  await cleanUp()
  await proxy?.close()
  proxy = null
})

it("the bridge never has more QoS 1 publishes unacknowledged than the broker's Receive Maximum", async () => {
  // Mosquitto announces max_inflight_messages as its Receive Maximum in CONNACK.
  const broker = await aBroker(['max_inflight_messages 2'])
  proxy = await startProxy(broker.port)
  const bridge = await aBridge(proxy.url, { brokerTimeoutMs: 30_000 })
  expect(bridge.stats().maxInFlight).toBe(2)
  // A frozen broker: without a bound, every message of every post would be sent at once.
  broker.pause()
  const posts = Array.from({ length: 6 }, (_, n) =>
    bridge.handlers.onEvent(
      eventOf(
        ipcLprPost({
          header: 'capture',
          device: { ...GATE, mac: macOf(n) },
          plate: `RM${n}`,
          images: 'small',
        }),
      ),
      '10.0.0.5',
    ),
  )
  await sleep(1000)
  expect(bridge.stats().inFlight).toBe(2)
  broker.resume()
  await Promise.all(posts)
  expect(bridge.stats().published).toBe(6)
  expect(proxy.maxOutstanding()).toBeGreaterThan(0)
  expect(proxy.maxOutstanding()).toBeLessThanOrEqual(2)
}, 60_000)
