import { type AddressInfo, createServer, type Socket } from 'node:net'
import { inspect } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CameraAuthError,
  CameraConnectionError,
  CameraError,
  CameraTimeoutError,
  CameraUnsupportedError,
  ViewtronCamera,
} from '../src/index.js'
import { cameraUnderTest, closeAll, collect } from './helpers/camera-under-test.js'

afterEach(closeAll)

const SECRET = 'S3cret-Pa55'

describe('errors', () => {
  it('a wrong password is a CameraAuthError (HTTP 401) that never shows the password', async () => {
    const { camera, cam } = await cameraUnderTest({ password: 'right' }, { password: SECRET })
    const error = await cam.deviceInfo().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CameraAuthError)
    expect(error).toBeInstanceOf(CameraError)
    expect(error).toMatchObject({ kind: 'auth', httpStatus: 401, command: 'GetDeviceInfo' })
    const seen = [
      String(error),
      (error as Error).stack,
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(cam),
      inspect(cam, { depth: 10, showHidden: true }),
    ].join('\n')
    expect(seen).not.toContain(SECRET)
    expect(seen).not.toContain(Buffer.from(`admin:${SECRET}`).toString('base64'))
    expect(camera.requests[0]?.authorized).toBe(false)
  })

  it('credentials in the URL are used and removed from it', async () => {
    const { camera } = await cameraUnderTest()
    const url = new URL(camera.url)
    url.username = camera.username
    url.password = camera.password
    const cam = new ViewtronCamera({ url })
    try {
      expect(cam.url).toBe(camera.url)
      expect((await cam.deviceInfo()).deviceName).toBe('Fake Camera')
      expect(JSON.stringify(cam)).not.toContain(camera.password)
    } finally {
      await cam.close()
    }
  })

  it('a command the firmware does not know (400, empty body) is a CameraUnsupportedError', async () => {
    const { cam } = await cameraUnderTest({ supportedApis: null })
    // GetSupportedAPIs is unknown to this firmware: capabilities says so instead of failing.
    expect((await cam.capabilities()).supportedApis).toBeNull()
    const { camera: bare } = await cameraUnderTest()
    const other = new ViewtronCamera({ url: `${bare.url}/nothing-here`, password: bare.password })
    try {
      const error = await other.deviceInfo().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CameraUnsupportedError)
      expect(error).toMatchObject({ httpStatus: 400, code: 1 })
    } finally {
      await other.close()
    }
  })

  it('a reply that is not XML is a malformed-reply error; status="failed" is the camera’s code', async () => {
    const { camera, cam } = await cameraUnderTest()
    camera.fault({ kind: 'reply', command: 'GetDeviceInfo', body: '<html>busy', times: 1 })
    await expect(cam.deviceInfo()).rejects.toMatchObject({
      name: 'CameraMalformedReplyError',
      kind: 'malformed',
      httpStatus: 200,
    })
    camera.fault({ kind: 'reply', command: 'GetDeviceInfo', body: '<other/>', times: 1 })
    await expect(cam.deviceInfo()).rejects.toMatchObject({ kind: 'malformed' })
    camera.fault({
      kind: 'reply',
      command: 'GetDeviceInfo',
      body: '<config status="failed" errorCode="7"/>',
      times: 1,
    })
    await expect(cam.deviceInfo()).rejects.toMatchObject({
      name: 'CameraFailureError',
      code: 7,
      description: 'System busy',
      message: 'GetDeviceInfo: System busy (code 7)',
    })
    camera.fault({
      kind: 'reply',
      command: 'GetDeviceInfo',
      body: '<config status="failed"/>',
      times: 1,
    })
    await expect(cam.deviceInfo()).rejects.toMatchObject({
      kind: 'failed',
      code: null,
      description: 'the camera reported a failure without a code',
    })
    camera.fault({ kind: 'reply', command: 'GetSnapshot', status: 500, times: 1 })
    await expect(cam.snapshot()).rejects.toMatchObject({ kind: 'failed', httpStatus: 500 })
    camera.fault({
      kind: 'reply',
      command: 'GetSnapshot',
      body: '<config status="failed" errorCode="9" errorDesc="Unauthorized"/>',
      times: 1,
    })
    await expect(cam.snapshot()).rejects.toBeInstanceOf(CameraAuthError)
  })

  it('the timeout covers the whole request: a camera that never answers times out', async () => {
    const { camera, cam } = await cameraUnderTest({}, { timeoutMs: 300 })
    camera.fault({ kind: 'hang', command: 'GetDeviceInfo' })
    const error = await cam.deviceInfo().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CameraTimeoutError)
    expect(error).toMatchObject({ kind: 'timeout', command: 'GetDeviceInfo', httpStatus: null })
    // A slow write is not sent again.
    camera.fault({ kind: 'delay', ms: 2_000, command: 'AddLicensePlates' })
    await expect(cam.plates.add([{ number: 'T1', group: 'allow' }])).rejects.toBeInstanceOf(
      CameraTimeoutError,
    )
    expect(camera.writes()).toHaveLength(1)
  })

  it('a read sent again after a reset gets what is left of timeoutMs, not a second one', async () => {
    // The first connection is reset 1 s into a 1.5 s budget; the second is never answered.
    let accepted = 0
    const sockets = new Set<Socket>()
    const server = createServer((socket) => {
      accepted++
      sockets.add(socket)
      socket.on('error', () => {})
      if (accepted === 1) setTimeout(() => socket.resetAndDestroy(), 1_000)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const cam = new ViewtronCamera({
      url: `http://127.0.0.1:${port}`,
      username: 'admin',
      password: 'x',
      timeoutMs: 1_500,
    })
    try {
      const started = performance.now()
      const error = await cam.deviceInfo().catch((e: unknown) => e)
      const elapsed = performance.now() - started
      expect(error).toBeInstanceOf(CameraTimeoutError)
      expect(String(error)).toContain('within 1500 ms')
      expect(accepted).toBe(2)
      // A second full timeout would end it 2.5 s after the start.
      expect(elapsed).toBeLessThan(2_300)
    } finally {
      await cam.close()
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('abort: a signal stops the call with its reason', async () => {
    const { camera, cam } = await cameraUnderTest()
    camera.fault({ kind: 'hang' })
    const controller = new AbortController()
    const reason = new Error('user went away')
    const pending = collect(cam.plates.list({ signal: controller.signal }))
    setTimeout(() => controller.abort(reason), 50)
    await expect(pending).rejects.toBe(reason)
    await expect(cam.deviceInfo({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
  })

  it('a read is sent again once after a connection reset; a write never is', async () => {
    const { camera, cam } = await cameraUnderTest()
    camera.fault({ kind: 'reset', command: 'GetLicensePlateGroups', times: 1 })
    expect(await cam.plateGroups()).toHaveLength(3)
    expect(camera.requests.map((r) => r.command)).toEqual([
      'GetLicensePlateGroups',
      'GetLicensePlateGroups',
    ])
    camera.fault({ kind: 'reset', command: 'GetDeviceInfo', times: 2 })
    await expect(cam.deviceInfo()).rejects.toBeInstanceOf(CameraConnectionError)
    camera.fault({ kind: 'reset', command: 'AddLicensePlates', times: 1 })
    await expect(cam.plates.add([{ number: 'W1', group: 'allow' }])).rejects.toMatchObject({
      kind: 'connection',
      command: 'AddLicensePlates',
    })
    expect(camera.writes()).toHaveLength(1)
    expect(camera.plates()).toEqual([])
  })

  it('a camera that is not there is a CameraConnectionError', async () => {
    const { camera, cam } = await cameraUnderTest()
    await camera.close()
    await expect(cam.deviceInfo()).rejects.toMatchObject({
      kind: 'connection',
      message: expect.stringContaining('ECONNREFUSED'),
    })
  })
})

describe('connections', () => {
  it('keeps connections alive: many requests over few connections', async () => {
    const { camera, cam } = await cameraUnderTest({ maxPageSize: 2 })
    await cam.plates.add(
      Array.from({ length: 20 }, (_, i) => ({ number: `K${i}`, group: 'allow' as const })),
    )
    for (let i = 0; i < 5; i++) await cam.deviceInfo()
    await Promise.all([cam.deviceInfo(), cam.deviceInfo(), cam.deviceInfo(), cam.deviceInfo()])
    expect(await collect(cam.plates.list({ group: 'allow' }))).toHaveLength(20)
    expect(camera.requests.length).toBeGreaterThan(20)
    expect(camera.connections).toBeLessThanOrEqual(2)
    expect(new Set(camera.requests.map((r) => r.connection)).size).toBeLessThanOrEqual(2)
  })
})
