import { setTimeout as sleep } from 'node:timers/promises'
import { ViewtronServer } from '@viewtron/core'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge } from '../src/index.js'
import { runFleet } from './helpers/camera-fleet.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'
import { type Recorder, record } from './helpers/recorder.js'

let broker: Broker | null = null
let server: ViewtronServer | null = null
let bridge: MqttBridge | null = null
let auditor: Recorder | null = null

afterEach(async () => {
  await server?.shutdown()
  await bridge?.close()
  await auditor?.close()
  if (broker !== null) await removeBroker(broker)
})

it('broker terminated while 20 cameras post and restarted 5 s later: every acknowledged post is on the broker', async () => {
  broker = await startBroker()
  // A persistent session: the broker keeps (and saves) what it owes this subscriber.
  auditor = await record(broker.url, 'viewtron/+/lpr/event', {
    clientId: 'auditor',
    clean: false,
    properties: { sessionExpiryInterval: 3600 },
  })
  server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'memory' })
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'ingest',
    brokerTimeoutMs: 3000,
    reconnectPeriod: 200,
    retryAfterSeconds: 1,
  })
  bridge.attach(server)
  await bridge.ready()
  const { port } = await server.listen()

  const stop = new AbortController()
  const fleet = runFleet(`http://127.0.0.1:${port}`, 20, stop.signal)
  await sleep(2000)
  const beforeCrash = bridge.stats().published
  await broker.stop('SIGTERM')
  await sleep(5000)
  await broker.start()
  await sleep(4000)
  stop.abort()
  const seen = await fleet

  const received = (): Set<string> =>
    new Set(auditor?.messages.map((m) => JSON.parse(m.payload.toString()).plateNumber as string))
  await auditor.waitFor(
    () => [...seen.acknowledged].every((plate) => received().has(plate)),
    30_000,
  )
  const missing = [...seen.acknowledged].filter((plate) => !received().has(plate))
  expect(missing).toEqual([])

  // Posts made while the broker was down were held, then refused (503) past the timeout, or
  // acknowledged once the broker had them; nothing else.
  expect(seen.failures).toBe(0)
  expect([...seen.statuses.keys()].sort()).toEqual([200, 503])
  expect(seen.statuses.get(503)).toBeGreaterThan(0)
  expect(beforeCrash).toBeGreaterThan(20)
  expect(bridge.stats().published).toBeGreaterThan(beforeCrash)
  expect(bridge.stats().reconnects).toBeGreaterThanOrEqual(1)
  expect(server.stats().refused).toBe(seen.statuses.get(503))
  // Every id the auditor got is one of the plates the cameras posted, with a stable id per plate.
  const idByPlate = new Map<string, string>()
  for (const message of auditor.messages) {
    const body = JSON.parse(message.payload.toString())
    const known = idByPlate.get(body.plateNumber)
    if (known !== undefined) expect(body.id).toBe(known)
    idByPlate.set(body.plateNumber, body.id)
  }
}, 120_000)
