import type { EventCategory, ViewtronEvent } from '@viewtron/core'
import {
  ipcAlarmStatusPost,
  ipcFacePost,
  ipcLprPost,
  ipcOtherPost,
  ipcPerimeterPost,
  ipcTrajectPost,
  ipcVsdPost,
  nvrDetectionPost,
} from '@viewtron/fixtures'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge } from '../src/index.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'
import { type Received, type Recorder, record } from './helpers/recorder.js'

const CAMERA = '585b69aa0001'
const header = 'capture' as const

/** One post per category; the NVR counting post is for channel 3 of an NVR. */
const CASES: {
  category: EventCategory
  event: () => ViewtronEvent
  cameraId: string
  type: string
}[] = [
  {
    category: 'lpr',
    event: () =>
      eventOf(
        ipcLprPost({
          header,
          device: GATE,
          plate: 'ABC123',
          listType: 'whiteList',
          confidence: 99,
          direction: 'approach',
        }),
      ),
    cameraId: CAMERA,
    type: 'access',
  },
  {
    category: 'face',
    event: () => eventOf(ipcFacePost({ header, device: GATE })),
    cameraId: CAMERA,
    type: 'face',
  },
  {
    category: 'intrusion',
    event: () => eventOf(ipcPerimeterPost({ header, device: GATE })),
    cameraId: CAMERA,
    type: 'perimeter',
  },
  {
    category: 'counting',
    event: () =>
      eventOf(
        nvrDetectionPost({
          smartType: 'targetCountingByLine',
          channelId: 3,
          device: { name: 'NVR', ip: '10.0.0.9', mac: '58-5B-69-00-00-09' },
        }),
        { clientIp: '10.0.0.9' },
      ),
    cameraId: '585b69000009-ch3',
    type: 'line',
  },
  {
    category: 'metadata',
    event: () => eventOf(ipcVsdPost({ header, device: GATE })),
    cameraId: CAMERA,
    type: 'metadata',
  },
  {
    category: 'other',
    event: () => eventOf(ipcOtherPost({ header, device: GATE, smartType: 'MOTION' })),
    cameraId: CAMERA,
    type: 'other',
  },
]

let broker: Broker
let bridge: MqttBridge
let recorder: Recorder

beforeEach(async () => {
  broker = await startBroker()
  recorder = await record(broker.url)
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a', traject: true })
  await bridge.ready()
})

afterEach(async () => {
  await bridge.close()
  await recorder.close()
  await removeBroker(broker)
})

const of = (topic: string): Received[] => recorder.messages.filter((m) => m.topic === topic)

describe('topics, retain flags, payloads and v5 properties', () => {
  it('publishes the bridge status retained, and offline on close', async () => {
    const online = await recorder.waitFor((m) => m.topic === 'viewtron/bridge/node-a/status')
    expect(online.payload.toString()).toBe('online')
    expect(online.retain).toBe(true)
    expect(online.qos).toBe(1)
    await bridge.close()
    const offline = await recorder.waitFor(
      (m) => m.topic === 'viewtron/bridge/node-a/status' && m.payload.toString() === 'offline',
    )
    expect(offline.retain).toBe(true)
  })

  for (const { category, event, cameraId, type } of CASES) {
    it(`${category}: images, then event, then state, each with the event's user properties`, async () => {
      const source = event()
      const start = recorder.messages.length
      await bridge.handlers.onEvent(source, source.clientIp)
      // onEvent resolved: every message is acknowledged by the broker, so it reached us.
      const base = `viewtron/${cameraId}/${category}`
      const state = await recorder.waitFor((m) => m.topic === `${base}/state`)
      const mine = recorder.messages.slice(start).filter((m) => m.topic.startsWith(`${base}/`))
      const withBytes = source.images.filter((image) => (image.bytes()?.length ?? 0) > 0)
      expect(withBytes.length).toBeGreaterThan(0)
      // Order: every image before the event, the event before the state.
      expect(mine.map((m) => m.topic)).toEqual([
        ...withBytes.map((image) => `${base}/image/${image.role}`),
        `${base}/event`,
        `${base}/state`,
      ])
      const body = JSON.parse(state.payload.toString())
      expect(body.category).toBe(category)
      expect(body.cameraId).toBe(cameraId)
      expect(body.nodeId).toBe('node-a')
      expect(body.event_type).toBe(type)
      expect(body.id).toMatch(/^[0-9a-f]{24}$/)
      expect(body.alarmType).toBe(source.alarmType)
      // Images are never base64 in the JSON: only their summary and topic.
      expect(JSON.stringify(body)).not.toMatch(/\/9j\//)
      expect(body.images.map((i: { topic: string }) => i.topic)).toEqual(
        source.images.map((image) =>
          (image.bytes()?.length ?? 0) > 0 ? `${base}/image/${image.role}` : null,
        ),
      )
      for (const message of mine) {
        expect(message.qos).toBe(1)
        expect(message.userProperties).toEqual({ eventId: body.id, cameraId, category })
        const isImage = message.topic.includes('/image/')
        expect(message.contentType).toBe(isImage ? 'image/jpeg' : 'application/json')
        expect(message.retain).toBe(!message.topic.endsWith('/event'))
        if (isImage) {
          const image = withBytes.find((i) => message.topic.endsWith(`/${i.role}`))
          expect(message.payload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
          expect(withBytes.some((i) => i.bytes()?.equals(message.payload))).toBe(true)
          expect(image).toBeDefined()
        }
      }
      expect(of(`${base}/event`)[0]?.payload.equals(state.payload)).toBe(true)
      // A new camera is announced online.
      const availability = of(`viewtron/${cameraId}/availability`)
      expect(availability.map((m) => [m.payload.toString(), m.retain])).toEqual([['online', true]])
    })
  }

  it('the id is deterministic: a retried post carries the same id', async () => {
    const post = ipcLprPost({ header, device: GATE, plate: 'SAME1' })
    await bridge.handlers.onEvent(eventOf(post), '10.0.0.5')
    await bridge.handlers.onEvent(eventOf(post), '10.0.0.5')
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header, device: GATE, plate: 'OTHER' })),
      '10.0.0.5',
    )
    const events = await (async () => {
      await recorder.waitFor(() => of(`viewtron/${CAMERA}/lpr/event`).length === 3)
      return of(`viewtron/${CAMERA}/lpr/event`).map((m) => JSON.parse(m.payload.toString()).id)
    })()
    expect(events[0]).toBe(events[1])
    expect(events[2]).not.toBe(events[0])
  })

  it('LPR JSON carries the plate fields', async () => {
    const event = CASES[0]?.event() as ViewtronEvent
    await bridge.handlers.onEvent(event, '10.0.0.5')
    const state = await recorder.waitFor((m) => m.topic === `viewtron/${CAMERA}/lpr/state`)
    const body = JSON.parse(state.payload.toString())
    expect(body).toMatchObject({
      plateNumber: 'ABC123',
      plateList: 'whiteList',
      direction: 'approach',
      confidence: 99,
    })
  })

  it('traject goes to its event topic only, at QoS 0, with no state', async () => {
    const event = eventOf(ipcTrajectPost({ header, device: GATE }))
    await bridge.handlers.onEvent(event, '10.0.0.5')
    const message = await recorder.waitFor((m) => m.topic === `viewtron/${CAMERA}/traject/event`)
    expect(message.qos).toBe(0)
    expect(message.retain).toBe(false)
    expect(JSON.parse(message.payload.toString()).category).toBe('traject')
    expect(
      recorder.messages.some((m) => m.topic.startsWith(`viewtron/${CAMERA}/traject/state`)),
    ).toBe(false)
  })

  it('alarm-status posts become retained ON / OFF per alarm', async () => {
    const post = (value: boolean) =>
      ipcAlarmStatusPost({ device: GATE, alarms: [{ name: 'perimeterAlarm', value }] })
    const { parseEvent } = await import('@viewtron/core')
    for (const value of [true, false]) {
      const result = parseEvent(post(value), { clientIp: '10.0.0.5' })
      if (result.kind !== 'alarmStatus') throw new Error(result.kind)
      await bridge.handlers.onAlarmStatus(result.status, '10.0.0.5')
    }
    const topic = `viewtron/${CAMERA}/alarm/perimeterAlarm`
    await recorder.waitFor(() => of(topic).length === 2)
    expect(of(topic).map((m) => [m.payload.toString(), m.retain, m.qos])).toEqual([
      ['ON', true, 1],
      ['OFF', true, 1],
    ])
  })
})
