import { cdata, el, type XmlElement } from '../xml.js'
import { data, failed, type Reply, success } from './camera-replies.js'
import type { FakeHttpPostSlot } from './fake-camera-types.js'
import { childElement, childElements, ownText } from './read-xml.js'

/** `GetDeviceInfo`: the documented fields, `apiVersion` left out when `null`. */
export function deviceInfo(apiVersion: string | null, extra: Record<string, string>): Reply {
  const fields: Record<string, string> = {
    deviceName: 'Fake Camera',
    deviceDescription: 'IPC',
    model: 'LPR-IP4',
    brand: 'Viewtron',
    mac: '58:5B:69:00:00:01',
    sn: 'FAKE0000001',
    softwareVersion: '5.3.1.0',
    softwareBuildDate: '2025-06-01',
    kernelVersion: '4.9.129',
    hardwareVersion: '1.0',
    ...(apiVersion === null ? {} : { apiVersion, httpPostVersion: '1.0' }),
    ...extra,
  }
  const children = Object.entries(fields).map(([name, value]) => el(name, null, cdata(value)))
  return data([el('deviceInfo', null, children)])
}

/** `GetDeviceDetail`: the versions under `detail/property`. */
export function deviceDetail(property: Record<string, string | undefined>): Reply {
  const children = Object.entries(property)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => el(name, null, value))
  return data([el('detail', null, [el('property', null, children)])])
}

export function supportedApis(names: readonly string[]): Reply {
  const items = names.map((name) => el('item', null, name))
  return data([el('applicationInterfaces', { type: 'list', count: items.length }, items)])
}

export function dateAndTime(timeZone: string, currentTime: string): Reply {
  return data([
    el('time', null, [
      el('timezoneInfo', null, [el('timeZone', null, cdata(timeZone))]),
      el('synchronizeInfo', null, [
        el('type', null, 'NTP'),
        el('currentTime', null, cdata(currentTime)),
      ]),
    ]),
  ])
}

/** An empty, switched-off slot. */
export function emptySlot(urlId: number): FakeHttpPostSlot {
  return {
    urlId,
    switch: false,
    protocol: 'http',
    domain: '',
    port: 80,
    path: '/',
    heartbeat: false,
    keepaliveSeconds: 60,
    dataTypes: [],
    events: [],
  }
}

/** `GetHttpPostConfig`: the three slots, data types under `subDataType` on API 2.1. */
export function getHttpPost(slots: readonly FakeHttpPostSlot[], dataTypeName: string): Reply {
  const items = slots.map((s) =>
    el('item', null, [
      el('urlId', null, s.urlId),
      el('switch', null, String(s.switch)),
      el('url', null, [
        el('protocol', null, s.protocol),
        el('domain', null, cdata(s.domain)),
        el('port', null, s.port),
        el('path', null, cdata(s.path)),
        el('authentication', null, 'none'),
      ]),
      el('heatBeatSwitch', null, String(s.heartbeat)),
      el('keepaliveTimeval', null, s.keepaliveSeconds),
      el(
        dataTypeName,
        null,
        s.dataTypes.map((d) => el('item', null, d)),
      ),
      el(
        'subscriptionEvents',
        null,
        s.events.map((e) => el('item', null, e)),
      ),
    ]),
  )
  const list = el('urlList', { type: 'list', maxCount: 3, count: items.length }, items)
  return data([el('httpPostV2', null, [el('postUrlConf', null, [list])])])
}

/** `SetHttpPostConfig`: replaces the slots it names; keepalive must be 30–120 (else 16). */
export function setHttpPost(slots: FakeHttpPostSlot[], body: XmlElement): Reply {
  const list = childElement(
    childElement(childElement(body, 'httpPostV2'), 'postUrlConf'),
    'urlList',
  )
  const items = childElements(list, 'item')
  if (items.length === 0) return failed(15, 'Missing Parameters')
  const updates: FakeHttpPostSlot[] = []
  for (const item of items) {
    const text = (...path: string[]): string | undefined => {
      let node: XmlElement | undefined = item
      for (const name of path) node = childElement(node, name)
      return ownText(node)
    }
    const urlId = Number(text('urlId'))
    const slot = slots.find((s) => s.urlId === urlId)
    if (slot === undefined) return failed(16, 'Range Error')
    const keepalive = Number(text('keepaliveTimeval') ?? slot.keepaliveSeconds)
    const port = Number(text('url', 'port') ?? slot.port)
    if (!(keepalive >= 30 && keepalive <= 120) || !(port >= 1 && port <= 65535)) {
      return failed(16, 'Range Error')
    }
    const types = childElement(item, 'subDataType') ?? childElement(item, 'subscribeDateType')
    const events = childElement(item, 'subscriptionEvents')
    updates.push({
      urlId,
      switch: (text('switch') ?? String(slot.switch)) === 'true',
      protocol: text('url', 'protocol') ?? slot.protocol,
      domain: text('url', 'domain') ?? slot.domain,
      port,
      path: text('url', 'path') ?? slot.path,
      heartbeat: (text('heatBeatSwitch') ?? String(slot.heartbeat)) === 'true',
      keepaliveSeconds: keepalive,
      dataTypes:
        types === undefined
          ? slot.dataTypes
          : childElements(types, 'item').map((i) => ownText(i) ?? ''),
      events:
        events === undefined
          ? slot.events
          : childElements(events, 'item').map((i) => ownText(i) ?? ''),
    })
  }
  for (const update of updates) {
    slots.splice(
      slots.findIndex((s) => s.urlId === update.urlId),
      1,
      update,
    )
  }
  return success()
}
