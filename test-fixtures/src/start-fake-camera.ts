import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { failed, type Reply, unknownCommand } from './fake-camera/camera-replies.js'
import {
  dateAndTime,
  deviceDetail,
  deviceInfo,
  emptySlot,
  getHttpPost,
  setHttpPost,
  supportedApis,
} from './fake-camera/device-commands.js'
import type {
  FakeCamera,
  FakeCameraFault,
  FakeCameraOptions,
  FakeCameraRequest,
  FakeHttpPostSlot,
} from './fake-camera/fake-camera-types.js'
import {
  addPlates,
  deletePlate,
  getGroups,
  getPlates,
  modifyPlate,
  type PlateState,
} from './fake-camera/plate-commands.js'
import { readXml } from './fake-camera/read-xml.js'
import { makeJpeg } from './make-jpeg.js'
import type { XmlElement } from './xml.js'

export type * from './fake-camera/fake-camera-types.js'

const WRITES = new Set([
  'AddLicensePlates',
  'ModifyLicensePlate',
  'DeleteLicensePlate',
  'SetHttpPostConfig',
])
const READS = [
  'GetDeviceInfo',
  'GetSupportedAPIs',
  'GetLicensePlateGroups',
  'GetLicensePlates',
  'GetHttpPostConfig',
  'GetDateAndTime',
  'GetSnapshot',
]

/** The wall clock of a POSIX zone's standard time (`CST-8` → UTC+8), `YYYY-MM-DD HH:MM:SS`. */
function standardTime(zone: string): string {
  const match = /^(?:<[^>]+>|[A-Za-z]+)([+-]?)(\d{1,2})(?::(\d{2}))?/.exec(zone)
  const hours = match === null ? 0 : Number(match[2]) + Number(match[3] ?? 0) / 60
  const west = match?.[1] === '-' ? -hours : hours
  return new Date(Date.now() - west * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * A fake Viewtron camera: a real HTTP server on a free port of 127.0.0.1 that speaks the camera's
 * control API as documented — Basic auth on every request (401 with a challenge), device info,
 * plate groups with configurable ids, a plate store with per-item codes, 1-based paging with
 * `total` (optionally fewer plates than asked), `type="string"` enforced on modify (code 16), the
 * empty-body 400 for unknown commands, three HTTP POST slots, `GetDateAndTime` in a configurable
 * zone and a real JPEG snapshot. It logs every request and can delay, hold or reset requests.
 *
 * @example
 * ```ts
 * const camera = await startFakeCamera({ groups: [{ id: 7, name: 'whiteList' }] })
 * const cam = new ViewtronCamera({ url: camera.url, password: camera.password })
 * await cam.plates.add([{ number: 'ABC123', group: 'allow' }])
 * console.log(camera.plates(), camera.writes().length)
 * await camera.close()
 * ```
 */
export async function startFakeCamera(options: FakeCameraOptions = {}): Promise<FakeCamera> {
  const username = options.username ?? 'admin'
  const password = options.password ?? 'fake-camera-password'
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  const timeZone = options.timeZone ?? 'UTC0'
  const apiVersion = options.apiVersion === undefined ? '2.1.0' : options.apiVersion
  const plates: PlateState = {
    groups: (
      options.groups ?? [
        { id: 1, name: 'temporaryList' },
        { id: 2, name: 'whiteList' },
        { id: 3, name: 'blackList' },
      ]
    ).map((g) => ({ id: String(g.id), name: g.name })),
    plates: (options.plates ?? []).map((p) => ({ ...p })),
    maxPlates: options.maxPlates ?? 10_000,
    maxPageSize: options.maxPageSize ?? Number.POSITIVE_INFINITY,
    uniqueNumbers: options.uniqueNumbers ?? false,
    now: options.currentTime ?? (() => standardTime(timeZone)),
  }
  const slots: FakeHttpPostSlot[] = [1, 2, 3].map((urlId) => ({
    ...emptySlot(urlId),
    ...options.httpPostSlots?.find((s, i) => (s.urlId ?? i + 1) === urlId),
    urlId,
  }))
  const dataTypeName =
    apiVersion === null || apiVersion < '2.1' ? 'subscribeDateType' : 'subDataType'
  const apis = options.supportedApis === undefined ? [...READS, ...WRITES] : options.supportedApis
  const requests: FakeCameraRequest[] = []
  let faults: (FakeCameraFault & { left: number })[] = []
  let connections = 0
  const socketIds = new WeakMap<Socket, number>()
  const sockets = new Set<Socket>()

  const handle = (command: string, method: string, body: XmlElement | null): Reply => {
    const xml = body ?? { type: 'element' as const, name: 'config', attributes: [], children: [] }
    if (WRITES.has(command) && method !== 'POST') return unknownCommand()
    switch (command) {
      case 'GetDeviceInfo':
        return deviceInfo(apiVersion, options.deviceInfo ?? {})
      case 'GetDeviceDetail':
        return options.deviceDetail === undefined
          ? unknownCommand()
          : deviceDetail(options.deviceDetail)
      case 'GetSupportedAPIs':
        return apis === null ? unknownCommand() : supportedApis(apis)
      case 'GetLicensePlateGroups':
        return getGroups(plates)
      case 'GetLicensePlates':
        return getPlates(plates, xml)
      case 'AddLicensePlates':
        return addPlates(plates, xml)
      case 'ModifyLicensePlate':
        return modifyPlate(plates, xml)
      case 'DeleteLicensePlate':
        return deletePlate(plates, xml)
      case 'GetHttpPostConfig':
        return getHttpPost(slots, dataTypeName)
      case 'SetHttpPostConfig':
        return setHttpPost(slots, xml)
      case 'GetDateAndTime':
        return dateAndTime(timeZone, plates.now())
      case 'GetSnapshot':
        return {
          status: 200,
          body: makeJpeg({ width: 320, height: 180, seed: options.snapshotSeed ?? 1 }),
          contentType: 'image/jpeg',
        }
      default:
        return unknownCommand()
    }
  }

  const takeFault = (command: string): FakeCameraFault | null => {
    const fault = faults.find((f) => f.left > 0 && (f.command ?? command) === command)
    if (fault === undefined) return null
    fault.left--
    return fault
  }

  const respond = (res: ServerResponse, entry: FakeCameraRequest, reply: Reply): void => {
    entry.status = reply.status
    const headers: Record<string, string | number> = {
      'content-length': Buffer.byteLength(reply.body),
    }
    if (reply.body.length > 0) {
      headers['content-type'] = reply.contentType ?? 'application/xml; charset=utf-8'
    }
    res.writeHead(reply.status, headers).end(reply.body)
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const path = new URL(req.url ?? '/', 'http://camera').pathname
    const command = path.split('/').filter(Boolean)[0] ?? ''
    const entry: FakeCameraRequest = {
      method: req.method ?? 'GET',
      command,
      path,
      body: text,
      authorized: req.headers.authorization === expected,
      write: WRITES.has(command),
      connection: socketIds.get(req.socket) ?? 0,
      status: null,
    }
    requests.push(entry)
    const fault = takeFault(command)
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'reset') {
      req.socket.resetAndDestroy()
      return
    }
    if (fault?.kind === 'reply') {
      respond(res, entry, { status: fault.status ?? 200, body: fault.body ?? '' })
      return
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms ?? 1000))
    if (res.destroyed) return
    if (!entry.authorized) {
      entry.status = 401
      res.writeHead(401, { 'www-authenticate': 'Basic realm="IPC"', 'content-length': 0 }).end()
      return
    }
    let body: XmlElement | null = null
    if (text.trim() !== '') {
      try {
        body = readXml(text)
      } catch {
        respond(res, entry, failed(2, 'Invalid XML Format'))
        return
      }
    }
    respond(res, entry, handle(command, entry.method, body))
  })
  server.on('connection', (socket: Socket) => {
    socketIds.set(socket, ++connections)
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    username,
    password,
    requests,
    get connections() {
      return connections
    },
    writes: () => requests.filter((r) => r.write),
    plates: () => plates.plates.map((p) => ({ ...p })),
    httpPostSlots: () =>
      slots.map((s) => ({ ...s, dataTypes: [...s.dataTypes], events: [...s.events] })),
    fault(fault) {
      faults.push({ ...fault, left: fault.times ?? Number.POSITIVE_INFINITY })
    },
    clearFaults() {
      faults = []
    },
    clearRequests() {
      requests.length = 0
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
