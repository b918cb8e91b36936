import { afterEach, describe, expect, it } from 'vitest'
import { cameraUnderTest, closeAll } from './helpers/camera-under-test.js'

afterEach(closeAll)

const SERVER = 'http://192.168.1.50:5050/API'

describe('httpPost.point', () => {
  it('takes a free slot, reads it back, says to reboot; a second call changes nothing', async () => {
    const { camera, cam } = await cameraUnderTest({
      httpPostSlots: [{ urlId: 1, switch: true, domain: '10.0.0.9', port: 80, path: '/other' }],
    })
    const first = await cam.httpPost.point({ url: SERVER })
    expect(first).toEqual({ changed: true, slot: 2, rebootRequired: true })
    // Read, write, read back.
    expect(camera.requests.map((r) => r.command)).toEqual([
      'GetHttpPostConfig',
      'SetHttpPostConfig',
      'GetHttpPostConfig',
    ])
    const [one, two, three] = camera.httpPostSlots()
    expect(one).toMatchObject({ switch: true, domain: '10.0.0.9', path: '/other' })
    expect(two).toMatchObject({
      switch: true,
      protocol: 'http',
      domain: '192.168.1.50',
      port: 5050,
      path: '/API',
      heartbeat: true,
      // The slot's own interval is kept.
      keepaliveSeconds: 60,
      events: ['ALL'],
      dataTypes: ['alarmStatus', 'smartData', 'sourceImage', 'targetImage'],
    })
    expect(three?.switch).toBe(false)
    // API 2.1 names the data types subDataType.
    expect(camera.writes()[0]?.body).toContain('<subDataType>')

    const writes = camera.writes().length
    expect(await cam.httpPost.point({ url: SERVER })).toEqual({
      changed: false,
      slot: 2,
      rebootRequired: false,
    })
    expect(camera.writes().length).toBe(writes)
  })

  it('reads the setting back: a camera that answers success but keeps nothing is an error', async () => {
    const { camera, cam } = await cameraUnderTest()
    camera.fault({
      kind: 'reply',
      command: 'SetHttpPostConfig',
      body: '<config status="success" errorCode="0"/>',
    })
    await expect(cam.httpPost.point({ url: SERVER })).rejects.toMatchObject({
      kind: 'failed',
      command: 'SetHttpPostConfig',
      message: expect.stringContaining('slot 1 does not post to'),
    })
  })

  it('reuses a slot already aimed at the URL, switching it on', async () => {
    const { camera, cam } = await cameraUnderTest({
      httpPostSlots: [
        { urlId: 1, switch: true, domain: '10.0.0.1', port: 80, path: '/a' },
        { urlId: 2, switch: true, domain: '10.0.0.2', port: 80, path: '/b' },
        {
          urlId: 3,
          switch: false,
          domain: '192.168.1.50',
          port: 5050,
          path: '/API',
          keepaliveSeconds: 90,
        },
      ],
    })
    expect(await cam.httpPost.point({ url: SERVER })).toMatchObject({ changed: true, slot: 3 })
    expect(camera.httpPostSlots()[2]).toMatchObject({
      switch: true,
      heartbeat: true,
      keepaliveSeconds: 90,
    })
    expect(camera.httpPostSlots()[0]).toMatchObject({ domain: '10.0.0.1', switch: true })
  })

  it('refuses when every slot is in use, unless a slot is named', async () => {
    // Slot 3 is switched off but keeps its address: a paused setting, not a free slot.
    const busy = [1, 2, 3].map((urlId) => ({
      urlId,
      switch: urlId !== 3,
      domain: `10.0.0.${urlId}`,
      port: 80,
      path: '/',
    }))
    const { camera, cam } = await cameraUnderTest({ httpPostSlots: busy })
    await expect(cam.httpPost.point({ url: SERVER })).rejects.toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(
        /every HTTP POST slot is in use .*3: http:\/\/10\.0\.0\.3:80\/ \(switched off\)/,
      ),
    })
    expect(camera.writes()).toEqual([])
    expect(await cam.httpPost.point({ url: SERVER, slot: 1, keepaliveSeconds: 60 })).toMatchObject({
      changed: true,
      slot: 1,
    })
    expect(camera.httpPostSlots()[0]).toMatchObject({
      domain: '192.168.1.50',
      keepaliveSeconds: 60,
    })
    await expect(cam.httpPost.point({ url: SERVER, keepaliveSeconds: 5 })).rejects.toThrow(
      RangeError,
    )
    await expect(cam.httpPost.point({ url: 'ftp://x/' })).rejects.toThrow(RangeError)
  })

  it('writes the data types under the element the firmware uses (subscribeDateType before 2.1)', async () => {
    const { camera, cam } = await cameraUnderTest({ apiVersion: '2.0.0' })
    await cam.httpPost.point({ url: SERVER })
    expect(camera.writes()[0]?.body).toContain('<subscribeDateType>')
    expect(camera.httpPostSlots()[0]?.dataTypes).toContain('smartData')
  })
})
