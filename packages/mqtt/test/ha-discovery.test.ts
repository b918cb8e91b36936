import { readFileSync } from 'node:fs'
import { parseEvent } from '@viewtron/core'
import { ipcAlarmStatusPost, ipcLprPost, ipcPerimeterPost } from '@viewtron/fixtures'
import mqtt from 'mqtt'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createMqttBridge, EVENT_TYPES, type MqttBridge } from '../src/index.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'
import { type Received, type Recorder, record } from './helpers/recorder.js'

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

const CAMERA = '585b69aa0001'
let broker: Broker
let bridge: MqttBridge
let recorder: Recorder

beforeEach(async () => {
  broker = await startBroker()
  recorder = await record(broker.url, ['homeassistant/#', 'viewtron/#'])
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'node-a',
    homeAssistant: true,
    discoveryDelayMs: 0,
  })
  await bridge.ready()
  await bridge.handlers.onEvent(
    eventOf(ipcLprPost({ header: 'capture', device: GATE, plate: 'HA1', listType: 'blackList' })),
    '10.0.0.5',
  )
  await bridge.handlers.onEvent(
    eventOf(ipcPerimeterPost({ header: 'capture', device: GATE })),
    '10.0.0.5',
  )
  const alarm = parseEvent(ipcAlarmStatusPost({ device: GATE }), { clientIp: '10.0.0.5' })
  if (alarm.kind !== 'alarmStatus') throw new Error(alarm.kind)
  await bridge.handlers.onAlarmStatus(alarm.status, '10.0.0.5')
})

afterEach(async () => {
  await bridge.close()
  await recorder.close()
  await removeBroker(broker)
})

const configs = (): Received[] =>
  recorder.messages.filter(
    (m) => m.topic.startsWith('homeassistant/') && m.topic.endsWith('/config'),
  )

/** What Home Assistant's MQTT discovery requires of each component we use. */
function checkValid(topic: string, config: Record<string, unknown>): void {
  const [prefix, component, objectId, last] = topic.split('/')
  expect(prefix).toBe('homeassistant')
  expect(last).toBe('config')
  expect(objectId).toMatch(/^[a-zA-Z0-9_-]+$/)
  expect(config.unique_id).toBe(objectId)
  const device = config.device as Record<string, unknown>
  expect(Array.isArray(device.identifiers) && device.identifiers.length > 0).toBe(true)
  expect((config.origin as Record<string, unknown>).name).toBe('viewtron-ts')
  // The package's own version, as published.
  expect((config.origin as Record<string, unknown>).sw_version).toBe(PACKAGE_VERSION)
  switch (component) {
    case 'event':
      expect(typeof config.state_topic).toBe('string')
      expect(Array.isArray(config.event_types) && config.event_types.length > 0).toBe(true)
      break
    case 'image':
      expect(typeof config.image_topic).toBe('string')
      expect(config.content_type).toBe('image/jpeg')
      break
    case 'sensor':
      expect(typeof config.state_topic).toBe('string')
      break
    case 'binary_sensor':
      expect(typeof config.state_topic).toBe('string')
      expect(typeof config.payload_on).toBe('string')
      expect(typeof config.payload_off).toBe('string')
      break
    default:
      throw new Error(`unexpected component ${component}`)
  }
}

it('publishes valid retained configs: one device per camera via the bridge, stable unique ids', async () => {
  const byTopic = new Map(configs().map((m) => [m.topic, m]))
  const expected = [
    'binary_sensor/viewtron_bridge_node-a_status',
    `event/viewtron_${CAMERA}_lpr`,
    `image/viewtron_${CAMERA}_lpr_source`,
    `image/viewtron_${CAMERA}_lpr_target`,
    `sensor/viewtron_${CAMERA}_plate`,
    `event/viewtron_${CAMERA}_intrusion`,
    `image/viewtron_${CAMERA}_intrusion_source`,
    `image/viewtron_${CAMERA}_intrusion_target`,
    `binary_sensor/viewtron_${CAMERA}_alarm_perimeterAlarm`,
  ].map((key) => `homeassistant/${key}/config`)
  expect([...byTopic.keys()].sort()).toEqual([...expected].sort())
  for (const [topic, message] of byTopic) {
    expect(message.retain).toBe(true)
    expect(message.qos).toBe(1)
    const config = JSON.parse(message.payload.toString())
    checkValid(topic, config)
    if (topic.includes('bridge')) continue
    expect(config.device).toMatchObject({
      identifiers: [`viewtron_${CAMERA}`],
      name: 'Gate',
      manufacturer: 'Viewtron',
      model: 'IP camera',
      via_device: 'viewtron_bridge_node-a',
      connections: [['mac', '58:5b:69:aa:00:01']],
    })
    // A post's configVersion is the protocol's: no firmware version without a device-info lookup.
    expect(config.device.sw_version).toBeUndefined()
    expect(config.availability).toEqual([
      { topic: `viewtron/${CAMERA}/availability` },
      { topic: 'viewtron/bridge/node-a/status' },
    ])
    expect(config.availability_mode).toBe('all')
  }
  const event = JSON.parse(
    byTopic.get(`homeassistant/event/viewtron_${CAMERA}_intrusion/config`)?.payload.toString() ??
      '',
  )
  expect(event.event_types).toEqual([...EVENT_TYPES.intrusion])
  expect(event.state_topic).toBe(`viewtron/${CAMERA}/intrusion/event`)
  // The event entity fires on the payload's event_type, which must be one it declared.
  const published = recorder.messages.find((m) => m.topic === `viewtron/${CAMERA}/intrusion/event`)
  expect(event.event_types).toContain(JSON.parse(published?.payload.toString() ?? '').event_type)
  const image = JSON.parse(
    byTopic.get(`homeassistant/image/viewtron_${CAMERA}_lpr_target/config`)?.payload.toString() ??
      '',
  )
  expect(
    recorder.messages.some((m) => m.topic === image.image_topic && m.contentType === 'image/jpeg'),
  ).toBe(true)
  const plate = JSON.parse(
    byTopic.get(`homeassistant/sensor/viewtron_${CAMERA}_plate/config`)?.payload.toString() ?? '',
  )
  expect(plate.state_topic).toBe(`viewtron/${CAMERA}/lpr/state`)
  expect(plate.value_template).toBe('{{ value_json.plateNumber }}')
  expect(plate.json_attributes_template).toContain('value_json.plateGroup')
  const alarm = JSON.parse(
    byTopic
      .get(`homeassistant/binary_sensor/viewtron_${CAMERA}_alarm_perimeterAlarm/config`)
      ?.payload.toString() ?? '',
  )
  expect(alarm.state_topic).toBe(`viewtron/${CAMERA}/alarm/perimeterAlarm`)
  const alarmState = recorder.messages.find((m) => m.topic === alarm.state_topic)
  expect([alarm.payload_on, alarm.payload_off]).toContain(alarmState?.payload.toString())
})

it('re-sends every config, availability and state when Home Assistant says it is online', async () => {
  const before = configs().length
  const stateTopic = `viewtron/${CAMERA}/lpr/state`
  const statesBefore = recorder.messages.filter((m) => m.topic === stateTopic).length
  const homeAssistant = await mqtt.connectAsync(broker.url, { protocolVersion: 5 })
  await homeAssistant.publishAsync('homeassistant/status', 'online', { qos: 1 })
  await recorder.waitFor(() => configs().length === before * 2)
  await recorder.waitFor(
    () => recorder.messages.filter((m) => m.topic === stateTopic).length > statesBefore,
  )
  const counts = new Map<string, number>()
  for (const message of configs()) counts.set(message.topic, (counts.get(message.topic) ?? 0) + 1)
  expect([...counts.values()].every((count) => count === 2)).toBe(true)
  // 'offline' (Home Assistant stopping) triggers nothing.
  await homeAssistant.publishAsync('homeassistant/status', 'offline', { qos: 1 })
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(configs().length).toBe(before * 2)
  await homeAssistant.endAsync()
})

it('after a reconnect to a broker that lost everything, re-publishes status, availability, discovery and states', async () => {
  const { rmSync } = await import('node:fs')
  await broker.stop('SIGKILL')
  rmSync(`${broker.dir}/mosquitto.db`, { force: true })
  const seenBefore = recorder.messages.length
  await broker.start()
  const since = () => recorder.messages.slice(seenBefore)
  const wanted = [
    'viewtron/bridge/node-a/status',
    `viewtron/${CAMERA}/availability`,
    `viewtron/${CAMERA}/lpr/state`,
    `viewtron/${CAMERA}/intrusion/state`,
    `viewtron/${CAMERA}/alarm/perimeterAlarm`,
    `homeassistant/sensor/viewtron_${CAMERA}_plate/config`,
    `homeassistant/event/viewtron_${CAMERA}_intrusion/config`,
    'homeassistant/binary_sensor/viewtron_bridge_node-a_status/config',
  ]
  await recorder.waitFor(
    () => wanted.every((topic) => since().some((m) => m.topic === topic)),
    30_000,
  )
  const state = since().find((m) => m.topic === `viewtron/${CAMERA}/lpr/state`)
  expect(JSON.parse(state?.payload.toString() ?? '').plateNumber).toBe('HA1')
  expect(
    since()
      .find((m) => m.topic === 'viewtron/bridge/node-a/status')
      ?.payload.toString(),
  ).toBe('online')
  expect(bridge.stats().reconnects).toBeGreaterThanOrEqual(1)
})

it("sw_version, model and hw_version come from the camera's device info, looked up once per camera", async () => {
  await bridge.close()
  const asked: string[] = []
  bridge = createMqttBridge({
    url: broker.url,
    nodeId: 'node-a',
    homeAssistant: true,
    deviceInfo: async ({ cameraId, device }) => {
      asked.push(`${cameraId} ${device?.sn}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return { softwareVersion: '5.3.1', model: 'LPR-IP4', hardwareVersion: 'V2.0' }
    },
  })
  await bridge.ready()
  const other = { ...GATE, mac: '58:5B:69:AA:00:02', sn: 'SNGATE2' }
  for (const plate of ['DI1', 'DI2']) {
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header: 'capture', device: other, plate })),
      '10.0.0.6',
    )
  }
  const topic = 'homeassistant/sensor/viewtron_585b69aa0002_plate/config'
  const updated = await recorder.waitFor(
    (m) => m.topic === topic && JSON.parse(m.payload.toString()).device.sw_version === '5.3.1',
  )
  expect(JSON.parse(updated.payload.toString()).device).toMatchObject({
    identifiers: ['viewtron_585b69aa0002'],
    model: 'LPR-IP4',
    sw_version: '5.3.1',
    hw_version: 'V2.0',
  })
  expect(asked).toEqual(['585b69aa0002 SNGATE2'])
})
