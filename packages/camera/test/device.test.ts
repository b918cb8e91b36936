import { afterEach, describe, expect, it } from 'vitest'
import { cameraUnderTest, closeAll } from './helpers/camera-under-test.js'

afterEach(closeAll)

describe('device information', () => {
  it('reads GetDeviceInfo typed, with every field in raw', async () => {
    const { cam } = await cameraUnderTest({ deviceInfo: { extraField: 'x & y' } })
    const info = await cam.deviceInfo()
    expect(info).toMatchObject({
      deviceName: 'Fake Camera',
      model: 'LPR-IP4',
      mac: '58:5B:69:00:00:01',
      apiVersion: '2.1.0',
      httpPostVersion: '1.0',
    })
    expect(info.raw.extraField).toBe('x & y')
    expect(info.raw.sn).toBe('FAKE0000001')
  })

  it('capabilities: versions and the supported APIs without repeats', async () => {
    const { cam } = await cameraUnderTest({
      supportedApis: ['GetDeviceInfo', 'GetLicensePlates', 'GetLicensePlates'],
    })
    const caps = await cam.capabilities()
    expect(caps.apiVersion).toBe('2.1.0')
    expect([...(caps.supportedApis ?? [])]).toEqual(['GetDeviceInfo', 'GetLicensePlates'])
  })

  it('capabilities: supportedApis is null when the firmware has no GetSupportedAPIs', async () => {
    const { cam } = await cameraUnderTest({ supportedApis: null, apiVersion: null })
    const caps = await cam.capabilities()
    expect(caps).toEqual({ apiVersion: null, httpPostVersion: null, supportedApis: null })
  })

  it('capabilities: versions from GetDeviceDetail when GetDeviceInfo has none (1.x)', async () => {
    const { camera, cam } = await cameraUnderTest({
      apiVersion: null,
      deviceDetail: { apiVersion: '1.7', httpPostVersion: '1.0' },
      supportedApis: null,
    })
    expect(await cam.capabilities()).toEqual({
      apiVersion: '1.7',
      httpPostVersion: '1.0',
      supportedApis: null,
    })
    // Read once per client.
    await cam.capabilities()
    expect(camera.requests.map((r) => r.command)).toEqual([
      'GetDeviceInfo',
      'GetDeviceDetail',
      'GetSupportedAPIs',
    ])
  })

  it('snapshot: the JPEG bytes and their content type', async () => {
    const { cam } = await cameraUnderTest()
    const shot = await cam.snapshot()
    expect(shot.contentType).toBe('image/jpeg')
    expect([shot.bytes[0], shot.bytes[1]]).toEqual([0xff, 0xd8])
    expect([shot.bytes.at(-2), shot.bytes.at(-1)]).toEqual([0xff, 0xd9])
  })

  it('snapshot of one channel asks GetSnapshot/<channel>', async () => {
    const { camera, cam } = await cameraUnderTest()
    expect((await cam.snapshot({ channel: 2 })).contentType).toBe('image/jpeg')
    expect(camera.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/GetSnapshot/2']])
    await expect(cam.snapshot({ channel: 0 })).rejects.toThrow(RangeError)
  })
})
