import { SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttBridgeOptions } from '../src/index.js'
import { GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let server: ViewtronServer | null = null
let bridge: MqttBridge | null = null

afterEach(async () => {
  await server?.shutdown()
  await bridge?.close()
  if (broker !== null) await removeBroker(broker)
  broker = null
  server = null
  bridge = null
})

async function postWith(cameraId: MqttBridgeOptions['cameraId'], errors: Error[]) {
  broker = await startBroker()
  server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'memory' })
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'node-a',
    retryAfterSeconds: 7,
    cameraId,
    onError: (error) => errors.push(error),
  })
  bridge.attach(server)
  await bridge.ready()
  const { port } = await server.listen()
  const body = ipcLprPost({ header: 'capture', device: GATE, plate: 'BROKEN', images: 'small' })
  const response = await request(`http://127.0.0.1:${port}/`, { method: 'POST', body })
  return {
    status: response.statusCode,
    retryAfter: response.headers['retry-after'],
    text: await response.body.text(),
  }
}

it('a cameraId function that throws ends in a refusal (503) reported to onError, never an acknowledgement', async () => {
  const errors: Error[] = []
  const reply = await postWith(() => {
    throw new Error('directory unavailable')
  }, errors)
  expect(reply.status).toBe(503)
  expect(reply.retryAfter).toBe('7')
  expect(reply.text).not.toBe(SUCCESS_REPLY)
  expect(errors.map((error) => error.message)).toContain('directory unavailable')
  expect(bridge?.stats().refused).toBe(1)
  expect(bridge?.stats().published).toBe(0)
})

it('a cameraId function returning an invalid id ends in a refusal (503), never an acknowledgement', async () => {
  const errors: Error[] = []
  const reply = await postWith(() => 'Not/A+Valid#Id', errors)
  expect(reply.status).toBe(503)
  expect(reply.text).not.toBe(SUCCESS_REPLY)
  expect(errors.length).toBeGreaterThan(0)
})
