import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { SUCCESS_REPLY, ViewtronServer } from '@viewtron/core'
import { ipcFacePost, ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge } from '../src/index.js'
import { macOf } from './helpers/camera-fleet.js'
import { GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'
import { type Recorder, record } from './helpers/recorder.js'

let broker: Broker | null = null
let server: ViewtronServer | null = null
let bridge: MqttBridge | null = null
let recorder: Recorder | null = null

afterEach(async () => {
  await server?.shutdown()
  await bridge?.close()
  await recorder?.close()
  if (broker !== null) await removeBroker(broker)
})

async function start(
  brokerLines: string[] = [],
  options: { brokerTimeoutMs?: number; maxPendingEvents?: number } = {},
) {
  broker = await startBroker(brokerLines)
  server = new ViewtronServer({ port: 0, host: '127.0.0.1', images: 'memory' })
  bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a', retryAfterSeconds: 7, ...options })
  bridge.attach(server)
  await bridge.ready()
  const { port } = await server.listen()
  return `http://127.0.0.1:${port}/`
}

async function post(url: string, body: string) {
  const response = await request(url, { method: 'POST', body })
  return {
    status: response.statusCode,
    retryAfter: response.headers['retry-after'],
    text: await response.body.text(),
  }
}

it('a stalled broker holds posts within maxPendingEvents, then refuses them with Retry-After; none is acknowledged', async () => {
  const url = await start([], { brokerTimeoutMs: 1500, maxPendingEvents: 2 })
  recorder = await record(broker?.url ?? '', 'viewtron/+/lpr/event')
  broker?.pause()
  let peak = 0
  const watch = setInterval(() => {
    peak = Math.max(peak, bridge?.stats().pendingEvents ?? 0)
  }, 20)
  const replies = await Promise.all(
    Array.from({ length: 5 }, (_, camera) =>
      post(
        url,
        ipcLprPost({
          header: 'capture',
          device: { ...GATE, mac: macOf(camera) },
          plate: `STALL${camera}`,
          images: 'small',
        }),
      ),
    ),
  )
  clearInterval(watch)
  for (const reply of replies) {
    expect(reply.status).toBe(503)
    expect(reply.retryAfter).toBe('7')
    expect(reply.text).not.toBe(SUCCESS_REPLY)
  }
  expect(peak).toBeGreaterThan(0)
  expect(peak).toBeLessThanOrEqual(2)
  expect(bridge?.stats().refused).toBe(5)
  expect(server?.stats().refused).toBe(5)

  broker?.resume()
  const again = await post(
    url,
    ipcLprPost({ header: 'capture', device: GATE, plate: 'AFTER', images: 'small' }),
  )
  expect(again.status).toBe(200)
  expect(again.text).toBe(SUCCESS_REPLY)
  await recorder.waitFor((m) => JSON.parse(m.payload.toString()).plateNumber === 'AFTER')
  // What mqtt.js still held for the refused posts drains once the broker is back.
  const deadline = Date.now() + 10_000
  while ((bridge?.stats().pendingEvents ?? 0) > 0 && Date.now() < deadline) await sleep(50)
  expect(bridge?.stats().pendingEvents).toBe(0)
})

it('a category the broker will not take (ACL: it drops the connection) ends in a refusal, never an acknowledgement; other categories are still acknowledged', async () => {
  const dir = (await import('node:fs')).mkdtempSync(
    join((await import('node:os')).tmpdir(), 'viewtron-acl-'),
  )
  const acl = join(dir, 'acl')
  writeFileSync(acl, ['topic readwrite #', 'topic deny viewtron/+/face/#', ''].join('\n'))
  const url = await start([`acl_file ${acl}`], { brokerTimeoutMs: 5000 })
  const face = await post(url, ipcFacePost({ header: 'capture', device: GATE, images: 'small' }))
  expect(face.status).toBe(503)
  const lpr = await post(
    url,
    ipcLprPost({ header: 'capture', device: GATE, plate: 'ALLOWED', images: 'small' }),
  )
  expect(lpr.status).toBe(200)
  expect(lpr.text).toBe(SUCCESS_REPLY)
})

it('close() returns promptly with the broker gone, and refuses at once what was still waiting', async () => {
  const url = await start([], { brokerTimeoutMs: 30_000 })
  await broker?.stop('SIGKILL')
  const held = post(
    url,
    ipcLprPost({ header: 'capture', device: GATE, plate: 'GONE', images: 'small' }),
  )
  await sleep(300)
  const began = Date.now()
  await bridge?.close()
  expect((await held).status).toBe(503)
  // Neither waited for the 30 s broker timeout.
  expect(Date.now() - began).toBeLessThan(10_000)
})
