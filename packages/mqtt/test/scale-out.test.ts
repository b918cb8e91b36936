import { setTimeout as sleep } from 'node:timers/promises'
import { ViewtronServer } from '@viewtron/core'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttEvent, subscribeEvents } from '../src/index.js'
import { runFleet } from './helpers/camera-fleet.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
const servers: ViewtronServer[] = []
const bridges: MqttBridge[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) await server.shutdown()
  for (const bridge of bridges.splice(0)) await bridge.close()
  if (broker !== null) await removeBroker(broker)
})

it('two ingest nodes and three consumers in one group: every acknowledged event consumed exactly once', async () => {
  broker = await startBroker()
  const urls: string[] = []
  for (const nodeId of ['ingest-a', 'ingest-b']) {
    const server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'memory' })
    const bridge = createMqttBridge({ url: broker.url, nodeId })
    bridge.attach(server)
    await bridge.ready()
    const { port } = await server.listen()
    servers.push(server)
    bridges.push(bridge)
    urls.push(`http://127.0.0.1:${port}`)
  }
  const stopConsumers = new AbortController()
  const consumed: { plate: string; nodeId: string; id: string }[][] = [[], [], []]
  const consumers = consumed.map(async (mine) => {
    const events = subscribeEvents({
      url: broker?.url ?? '',
      group: 'workers',
      signal: stopConsumers.signal,
    })
    try {
      for await (const event of events as AsyncIterable<MqttEvent>) {
        if (event.category === 'lpr')
          mine.push({ plate: event.plateNumber, nodeId: event.nodeId, id: event.id })
        // A slow worker: the group shares the load.
        await sleep(5)
      }
    } catch (error) {
      if (!stopConsumers.signal.aborted) throw error
    }
  })
  await sleep(500)
  const stop = new AbortController()
  const fleets = urls.map((url, node) => runFleet(url, 5, stop.signal, 20, node * 100))
  await sleep(3000)
  stop.abort()
  const results = await Promise.all(fleets)
  const acknowledged = results.flatMap((result) => [...result.acknowledged])
  const all = () => consumed.flat()
  const deadline = Date.now() + 30_000
  while (all().length < acknowledged.length && Date.now() < deadline) await sleep(100)
  await sleep(300)
  stopConsumers.abort()
  await Promise.all(consumers)

  expect(acknowledged.length).toBeGreaterThan(10)
  const plates = all().map((entry) => entry.plate)
  // Exactly once across the group: nothing missing, nothing twice.
  expect(plates.length).toBe(new Set(plates).size)
  expect(new Set(plates)).toEqual(new Set(acknowledged))
  // Both nodes published, and every consumer of the group did part of the work.
  expect(new Set(all().map((entry) => entry.nodeId))).toEqual(new Set(['ingest-a', 'ingest-b']))
  for (const mine of consumed) expect(mine.length).toBeGreaterThan(0)
}, 90_000)
