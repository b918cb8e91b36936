import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttEvent, subscribeEvents } from '../src/index.js'
import { certificates, tlsListener } from './helpers/certificates.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'
import { type Recorder, record } from './helpers/recorder.js'

let broker: Broker | null = null
let bridge: MqttBridge | null = null
let recorder: Recorder | null = null
let dir: string | null = null

afterEach(async () => {
  await bridge?.close()
  await recorder?.close()
  if (broker !== null) await removeBroker(broker)
  if (dir !== null) rmSync(dir, { recursive: true, force: true })
  bridge = recorder = broker = dir = null
})

it('publishes over TLS to a broker that requires a client certificate', async () => {
  dir = mkdtempSync(join(tmpdir(), 'viewtron-tls-'))
  const tls = certificates(dir)
  broker = await startBroker(tlsListener(dir))
  const url = `mqtts://127.0.0.1:${broker.port}`
  recorder = await record(url, 'viewtron/#', { ...tls })
  bridge = createMqttBridge({ url, nodeId: 'tls-node', tls })
  await bridge.ready()
  await bridge.handlers.onEvent(
    eventOf(ipcLprPost({ header: 'capture', device: GATE, plate: 'TLS1', images: 'small' })),
    '10.0.0.5',
  )
  const state = await recorder.waitFor((m) => m.topic === 'viewtron/585b69aa0001/lpr/state')
  expect(JSON.parse(state.payload.toString()).plateNumber).toBe('TLS1')
})

it('speaks MQTT 3.1.1 when asked: same topics and payloads, no v5 properties', async () => {
  broker = await startBroker()
  recorder = await record(broker.url, 'viewtron/#')
  bridge = createMqttBridge({ url: broker.url, nodeId: 'old-broker', protocolVersion: 4 })
  await bridge.ready()
  await bridge.handlers.onEvent(
    eventOf(ipcLprPost({ header: 'capture', device: GATE, plate: 'V311', images: 'small' })),
    '10.0.0.5',
  )
  const event = await recorder.waitFor((m) => m.topic === 'viewtron/585b69aa0001/lpr/event')
  expect(JSON.parse(event.payload.toString())).toMatchObject({
    plateNumber: 'V311',
    nodeId: 'old-broker',
  })
  expect(event.userProperties).toEqual({})
  expect(event.contentType).toBeUndefined()
  expect(recorder.messages.some((m) => m.topic === 'viewtron/585b69aa0001/lpr/image/target')).toBe(
    true,
  )
})

it('a consumer speaking MQTT 3.1.1 takes events, acknowledging each once the loop took it', async () => {
  broker = await startBroker()
  bridge = createMqttBridge({ url: broker.url, nodeId: 'old-broker' })
  await bridge.ready()
  const events = subscribeEvents({ url: broker.url, protocolVersion: 4, clientId: 'old-consumer' })
  await new Promise((resolve) => setTimeout(resolve, 500))
  for (const plate of ['OLD1', 'OLD2']) {
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header: 'capture', device: GATE, plate, images: 'small' })),
      '10.0.0.5',
    )
  }
  const plates: string[] = []
  for (let i = 0; i < 2; i++) {
    const event = (await events.next()).value as MqttEvent
    if (event.category === 'lpr') plates.push(event.plateNumber)
    expect(event.targetImage?.bytes()?.length).toBeGreaterThan(0)
  }
  await events.return?.()
  expect(plates).toEqual(['OLD1', 'OLD2'])
  // Both were acknowledged: the persistent session has nothing to send again.
  const again = subscribeEvents({
    url: broker.url,
    protocolVersion: 4,
    clientId: 'old-consumer',
    signal: AbortSignal.timeout(1500),
  })
  await expect(again.next()).rejects.toThrow()
})
