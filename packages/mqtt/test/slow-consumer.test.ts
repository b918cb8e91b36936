import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import { type MqttEvent, subscribeEvents } from '../src/index.js'
import { type MqttProxy, startProxy } from './helpers/mqtt-proxy.js'
import { aBridge, aBroker, cleanUp, publishPlates } from './helpers/rig.js'

let proxy: MqttProxy | null = null

afterEach(async () => {
  await proxy?.close()
  proxy = null
  await cleanUp()
})

it('a loop slower than the keep-alive gets every event on one connection; the broker holds the rest', async () => {
  // Mosquitto 2.0 does not strictly hold back to a client's Receive Maximum while the client
  // acknowledges other messages (the images) at once; with its own in-flight limit as well it
  // stays within about one of it.
  const broker = await aBroker(['max_inflight_messages 2'])
  // The consumer goes through a proxy that sees every packet it gets and acknowledges.
  proxy = await startProxy(broker.port, ['/lpr/event'])
  const bridge = await aBridge(broker.url)
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
  await publishPlates(bridge, plates)
  const taken: string[] = []
  for await (const event of events as AsyncIterable<MqttEvent>) {
    if (event.category === 'lpr') taken.push(event.plateNumber)
    if (taken.length === plates.length) break
    // Three keep-alive periods per event.
    await sleep(3000)
  }
  expect(taken).toEqual(plates)
  expect(proxy.connections()).toBe(1)
  // Each PUBACK waited for the loop (the consumer held maxInFlight events unacknowledged), and
  // the broker held the rest back instead of sending them all.
  expect(proxy.maxDelivered('/lpr/event')).toBeGreaterThanOrEqual(maxInFlight)
  expect(proxy.maxDelivered('/lpr/event')).toBeLessThan(plates.length)
}, 60_000)
