import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import { type MqttEvent, subscribeEvents } from '../src/index.js'
import { runFleet } from './helpers/camera-fleet.js'
import { aBridgedServer, aBroker, cleanUp } from './helpers/rig.js'

afterEach(cleanUp)

it('two ingest nodes and three consumers in one group: every acknowledged event consumed exactly once', async () => {
  const broker = await aBroker()
  const urls: string[] = []
  for (const nodeId of ['ingest-a', 'ingest-b']) {
    urls.push((await aBridgedServer(broker.url, { nodeId })).url)
  }
  const stopConsumers = new AbortController()
  const consumed: { plate: string; nodeId: string; id: string }[][] = [[], [], []]
  const consumers = consumed.map(async (mine) => {
    const events = subscribeEvents({
      url: broker.url,
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
