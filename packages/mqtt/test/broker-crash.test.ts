import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import { runFleet } from './helpers/camera-fleet.js'
import { aBridgedServer, aBroker, aRecorder, cleanUp } from './helpers/rig.js'

afterEach(cleanUp)

it('broker terminated while 20 cameras post and restarted 5 s later: every acknowledged post is on the broker', async () => {
  const broker = await aBroker()
  // A persistent session: the broker keeps (and saves) what it owes this subscriber.
  const auditor = await aRecorder(broker.url, 'viewtron/+/lpr/event', {
    clientId: 'auditor',
    clean: false,
    properties: { sessionExpiryInterval: 3600 },
  })
  const { server, bridge, url } = await aBridgedServer(broker.url, {
    nodeId: 'ingest',
    brokerTimeoutMs: 3000,
    reconnectPeriod: 200,
    retryAfterSeconds: 1,
  })

  const stop = new AbortController()
  const fleet = runFleet(url, 20, stop.signal)
  await sleep(2000)
  const beforeCrash = bridge.stats().published
  await broker.stop('SIGTERM')
  await sleep(5000)
  await broker.start()
  await sleep(4000)
  stop.abort()
  const seen = await fleet

  const received = (): Set<string> =>
    new Set(auditor.messages.map((m) => JSON.parse(m.payload.toString()).plateNumber as string))
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
