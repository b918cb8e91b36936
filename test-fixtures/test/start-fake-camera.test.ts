import { afterEach, describe, expect, it } from 'vitest'
import { type FakeCamera, type FakeCameraOptions, startFakeCamera } from '../src/index.js'

const open: FakeCamera[] = []
afterEach(async () => {
  for (const camera of open.splice(0)) await camera.close()
})

async function start(options: FakeCameraOptions = {}): Promise<FakeCamera> {
  const camera = await startFakeCamera(options)
  open.push(camera)
  return camera
}

const ENVELOPE = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><config version="2.1.0" xmlns="http://www.ipc.com/ver10">${inner}</config>`

async function send(camera: FakeCamera, command: string, body?: string, auth = true) {
  const headers: Record<string, string> = {}
  if (auth) {
    headers.authorization = `Basic ${Buffer.from(`${camera.username}:${camera.password}`).toString('base64')}`
  }
  const response = await fetch(`${camera.url}/${command}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body,
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

describe('startFakeCamera', () => {
  it('asks for Basic credentials with a 401 challenge', async () => {
    const camera = await start({ password: 'pw' })
    const reply = await send(camera, 'GetDeviceInfo', undefined, false)
    expect(reply.status).toBe(401)
    expect(reply.headers.get('www-authenticate')).toBe('Basic realm="IPC"')
    expect(camera.requests[0]).toMatchObject({
      command: 'GetDeviceInfo',
      authorized: false,
      status: 401,
    })
  })

  it('answers an unknown command, or a write sent as GET, with 400 and an empty body', async () => {
    const camera = await start()
    expect(await send(camera, 'GetSmartVehicleConfig', ENVELOPE(''))).toMatchObject({
      status: 400,
      text: '',
    })
    expect(await send(camera, 'AddLicensePlates')).toMatchObject({ status: 400, text: '' })
  })

  it('refuses a modify whose fields lack type="string" with code 16', async () => {
    const camera = await start({ plates: [{ number: 'A1', groupId: '2' }] })
    const untyped = ENVELOPE(
      '<licensePlate><licensePlateNumber>A1</licensePlateNumber><groupId>2</groupId><carOwner>X</carOwner></licensePlate>',
    )
    expect((await send(camera, 'ModifyLicensePlate', untyped)).text).toContain('errorCode="16"')
    const typed = untyped.replace('<carOwner>', '<carOwner type="string">')
    expect((await send(camera, 'ModifyLicensePlate', typed)).text).toContain('status="success"')
    expect(camera.plates()[0]?.owner).toBe('X')
  })

  it('pages from offset 1 with total, fewer than asked when maxPageSize says so, 20 past the end', async () => {
    const plates = ['P1', 'P2', 'P3'].map((number) => ({ number, groupId: '2' }))
    const camera = await start({ plates, maxPageSize: 2 })
    const page = (offset: number) =>
      send(
        camera,
        'GetLicensePlates',
        ENVELOPE(
          `<searchFilter><maxResult>10</maxResult><resultOffset>${offset}</resultOffset><groupId>2</groupId></searchFilter>`,
        ),
      )
    const first = await page(1)
    expect(first.text).toContain('total="3"')
    expect(first.text.match(/<item>/g)).toHaveLength(2)
    expect((await page(3)).text.match(/<item>/g)).toHaveLength(1)
    expect((await page(4)).text).toContain('errorCode="20"')
    expect((await page(0)).text).toContain('errorCode="16"')
  })

  it('logs requests with their connection, and injects resets', async () => {
    const camera = await start()
    camera.fault({ kind: 'reset', command: 'GetDateAndTime', times: 1 })
    await expect(send(camera, 'GetDateAndTime', ENVELOPE(''))).rejects.toThrow()
    const reply = await send(camera, 'GetDateAndTime', ENVELOPE(''))
    expect(reply.text).toContain('<timeZone><![CDATA[UTC0]]></timeZone>')
    expect(camera.requests.map((r) => [r.command, r.status])).toEqual([
      ['GetDateAndTime', null],
      ['GetDateAndTime', 200],
    ])
    expect(camera.connections).toBe(2)
    expect(camera.writes()).toEqual([])
  })

  it('reports its zone and the wall clock of its standard time', async () => {
    const camera = await start({ timeZone: 'CST-8' })
    const reply = await send(camera, 'GetDateAndTime', ENVELOPE(''))
    const shown = /<currentTime><!\[CDATA\[(.+?)\]\]>/.exec(reply.text)?.[1] ?? ''
    const utc = Date.parse(`${shown.replace(' ', 'T')}Z`) - 8 * 3_600_000
    expect(Math.abs(utc - Date.now())).toBeLessThan(60_000)
  })
})
