import { setTimeout as sleep } from 'node:timers/promises'
import { SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge } from '../src/index.js'
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

it("an event with a message larger than the broker's maximum packet size is refused at once; the connection stays up", async () => {
  broker = await startBroker(['max_packet_size 20000'])
  server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'memory' })
  const errors: Error[] = []
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'node-a',
    brokerTimeoutMs: 10_000,
    onError: (error) => errors.push(error),
  })
  bridge.attach(server)
  await bridge.ready()
  const { port } = await server.listen()
  const url = `http://127.0.0.1:${port}/`
  const post = async (plate: string, images: 'real' | 'small') => {
    const body = ipcLprPost({ header: 'capture', device: GATE, plate, images })
    const began = Date.now()
    const response = await request(url, { method: 'POST', body })
    return { status: response.statusCode, text: await response.body.text(), ms: Date.now() - began }
  }

  const large = await post('LARGE', 'real')
  expect(large.status).toBe(503)
  // Refused before publishing, not after the broker timeout.
  expect(large.ms).toBeLessThan(3000)
  expect(errors.some((error) => /maximum packet size/.test(error.message))).toBe(true)

  await sleep(500)
  const small = await post('SMALL', 'small')
  expect(small.status).toBe(200)
  expect(small.text).toBe(SUCCESS_REPLY)
  // Nothing too large was ever sent: the broker never dropped the connection.
  expect(bridge.stats().reconnects).toBe(0)
  expect(bridge.stats().connected).toBe(true)
})
