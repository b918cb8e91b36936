import { setTimeout as sleep } from 'node:timers/promises'
import mqtt from 'mqtt'
import { afterEach, expect, it } from 'vitest'
import { publishOnce } from '../src/publish-message.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let client: mqtt.MqttClient | null = null

afterEach(async () => {
  client?.end(true)
  if (broker !== null) await removeBroker(broker)
  broker = null
  client = null
})

it('abandon() drops a message mqtt.js re-sent after a reconnect from its outgoing list and store', async () => {
  broker = await startBroker()
  const connected = mqtt.connect(broker.url, {
    protocolVersion: 5,
    clean: true,
    reconnectPeriod: 100,
  })
  client = connected
  await new Promise((resolve) => connected.once('connect', resolve))
  broker.pause()
  const attempt = publishOnce(connected, {
    topic: 'resent/test',
    payload: Buffer.from('x'),
    qos: 1,
    retain: false,
    contentType: 'text/plain',
    userProperties: {},
  })
  attempt.done.catch(() => undefined)
  await sleep(100)
  await broker.stop('SIGKILL')
  // Freeze the new broker once it accepted the client, before the re-sent message reaches it:
  // it is never acknowledged, and mqtt.js holds it under a callback of its own.
  const back = new Promise((resolve) => {
    const onPacket = (packet: { cmd: string }): void => {
      if (packet.cmd !== 'connack') return
      connected.off('packetreceive', onPacket)
      broker?.pause()
      resolve(undefined)
    }
    connected.on('packetreceive', onPacket)
  })
  await broker.start()
  await back
  await sleep(200)
  const ids = Object.keys(connected.outgoing)
  expect(ids.length).toBe(1)
  attempt.abandon()
  expect(Object.keys(connected.outgoing)).toEqual([])
  const stored = await new Promise((resolve) =>
    connected.outgoingStore.get({ messageId: Number(ids[0]) }, (error) =>
      resolve(error === null || error === undefined),
    ),
  )
  expect(stored).toBe(false)
  await expect(attempt.done).rejects.toThrow()
})
