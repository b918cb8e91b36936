import { SUCCESS_REPLY } from '@viewtron/core'
import { ipcLprPost, nvrDetectionPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, expect, it } from 'vitest'
import { GATE } from './helpers/events.js'
import type { Recorder } from './helpers/recorder.js'
import { aBridgedServer, aBroker, aRecorder, cleanUp } from './helpers/rig.js'

let recorder: Recorder

/** A server going offline after 400 ms of silence, bridged to a fresh broker; its port. */
async function start(): Promise<number> {
  const broker = await aBroker()
  recorder = await aRecorder(broker.url, 'viewtron/+/availability')
  const { url } = await aBridgedServer(broker.url, {}, { offlineAfterMs: 400 })
  return Number(new URL(url).port)
}

afterEach(cleanUp)

it('a camera that stops posting goes offline, and online again with its next post', async () => {
  const port = await start()
  const post = async (body: string) => {
    const response = await request(`http://127.0.0.1:${port}/`, { method: 'POST', body })
    expect(await response.body.text()).toBe(SUCCESS_REPLY)
  }
  await post(ipcLprPost({ header: 'capture', device: GATE, plate: 'P1', images: 'small' }))
  const topic = 'viewtron/585b69aa0001/availability'
  const payloads = () =>
    recorder.messages.filter((m) => m.topic === topic).map((m) => m.payload.toString())
  await recorder.waitFor(() => payloads().includes('offline'), 10_000)
  expect(recorder.messages.find((m) => m.topic === topic)?.retain).toBe(true)
  await post(ipcLprPost({ header: 'capture', device: GATE, plate: 'P2', images: 'small' }))
  await recorder.waitFor(() => payloads().at(-1) === 'online' && payloads().length >= 3)
  // Once per change: online, offline, online.
  expect(payloads()).toEqual(['online', 'offline', 'online'])
})

it('every camera an NVR forwards goes offline with the NVR', async () => {
  const port = await start()
  const nvr = { name: 'NVR', ip: '10.0.0.9', mac: '58:5B:69:00:00:09' }
  for (const channelId of [1, 2]) {
    const body = nvrDetectionPost({ device: nvr, channelId, images: 'small' })
    const response = await request(`http://127.0.0.1:${port}/`, { method: 'POST', body })
    expect(await response.body.text()).toBe(SUCCESS_REPLY)
  }
  for (const camera of ['585b69000009-ch1', '585b69000009-ch2']) {
    await recorder.waitFor(
      (m) => m.topic === `viewtron/${camera}/availability` && m.payload.toString() === 'offline',
      10_000,
    )
  }
})
