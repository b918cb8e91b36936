import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ViewtronServer } from '@viewtron/core'
import { ipcFacePost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge } from '../src/index.js'
import { GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let server: ViewtronServer | null = null
let bridge: MqttBridge | null = null
let dir: string | null = null

afterEach(async () => {
  await server?.shutdown()
  await bridge?.close()
  if (broker !== null) await removeBroker(broker)
  if (dir !== null) rmSync(dir, { recursive: true, force: true })
  broker = null
  server = null
  bridge = null
  dir = null
})

it('a refused message that mqtt.js re-sent after reconnects is dropped from its store: the reconnect loop ends', async () => {
  dir = mkdtempSync(join(tmpdir(), 'viewtron-acl-'))
  const acl = join(dir, 'acl')
  // The broker drops the connection on a denied publish; mqtt.js re-sends it after reconnecting.
  writeFileSync(acl, ['topic readwrite #', 'topic deny viewtron/+/face/#', ''].join('\n'))
  broker = await startBroker([`acl_file ${acl}`])
  server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'memory' })
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'node-a',
    brokerTimeoutMs: 3000,
    reconnectPeriod: 200,
  })
  bridge.attach(server)
  await bridge.ready()
  const { port } = await server.listen()
  const body = ipcFacePost({ header: 'capture', device: GATE, images: 'small' })
  const response = await request(`http://127.0.0.1:${port}/`, { method: 'POST', body })
  await response.body.text()
  expect(response.statusCode).toBe(503)
  // Once abandoned, nothing is re-sent: the bridge stays connected and lets go of the memory.
  await sleep(1000)
  const reconnects = bridge.stats().reconnects
  await sleep(2000)
  expect(bridge.stats().reconnects).toBe(reconnects)
  expect(bridge.stats().pendingEvents).toBe(0)
})
