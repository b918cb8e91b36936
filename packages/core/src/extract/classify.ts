import { CountingEvent, IntrusionEvent, MetadataEvent, OtherEvent } from '../event.js'
import type { CountingSubtype, IntrusionSubtype } from '../event-fields.js'
import type { ImageSite, XmlElement } from '../parser/element-tree.js'
import type { EventFormat, EventSource, Keepalive, ParseResult } from '../types.js'
import { readAlarmStatus } from './alarm-status.js'
import { readCounting } from './counting.js'
import { readDetection } from './detection.js'
import { readDevice } from './device.js'
import { buildFace } from './face.js'
import { buildLpr } from './lpr.js'
import { commonFields, type PostContext } from './post-context.js'
import { child, text } from './read.js'
import {
  IPC_SMART_TYPES,
  NVR_SMART_TYPES,
  type SmartTypeInfo,
  TRAJECT_DESCRIPTION,
} from './smart-types.js'
import { buildTraject } from './traject.js'

/** Who sent the body and when. */
export interface Arrival {
  clientIp: string
  receivedAt: Date
}

const EMPTY_DEVICE = Object.freeze({ name: '', ip: '', mac: '', sn: '', channelId: null })

/** The result for a body with no markup at all: the empty-POST heartbeat. */
export function emptyKeepalive(arrival: Arrival): ParseResult {
  const keepalive: Keepalive = {
    form: 'empty',
    source: 'ipc',
    format: 'v1',
    configVersion: '',
    device: { ...EMPTY_DEVICE },
    ...arrival,
  }
  return { kind: 'keepalive', device: keepalive.device, keepalive }
}

function unparsed(reason: 'unknown-smartType' | 'no-messageType', detail: string): ParseResult {
  return { kind: 'unparsed', reason, detail, bytes: 0 }
}

function detectionEvent(ctx: PostContext, info: SmartTypeInfo): ParseResult {
  const detection = readDetection(ctx.root, ctx.sites)
  // One init object, extended in place: spreading objects this wide costs more than the parse of
  // a small post's text.
  const init = Object.assign(
    commonFields(ctx, detection.images, detection.sourceImage, detection.targetImage),
    detection.fields,
  )
  switch (info.category) {
    case 'intrusion': {
      // PEA is two detections: the zone block says which.
      let subtype = info.subtype as IntrusionSubtype
      if (subtype === 'perimeter' && detection.zone === 'tripwire') subtype = 'tripwire'
      return { kind: 'event', event: new IntrusionEvent(Object.assign(init, { subtype })) }
    }
    case 'counting': {
      const subtype = info.subtype as CountingSubtype
      const fields = Object.assign(init, { subtype }, readCounting(ctx.root, detection.main))
      return { kind: 'event', event: new CountingEvent(fields) }
    }
    case 'metadata':
      return { kind: 'event', event: new MetadataEvent(init) }
    default:
      return { kind: 'event', event: new OtherEvent(init) }
  }
}

function smartTypeEvent(ctx: PostContext, info: SmartTypeInfo): ParseResult {
  if (info.category === 'lpr') return { kind: 'event', event: buildLpr(ctx) }
  if (info.category === 'face') return { kind: 'event', event: buildFace(ctx) }
  return detectionEvent(ctx, info)
}

/**
 * Turns a parsed element tree into a result, following the protocol's classification (first match
 * wins): `DeviceInfo` root; `config` with `messageType` (v2 envelope: keepalive, alarmStatus,
 * alarmData); otherwise the v1 layout (alarmStatusInfo, traject, smartType). Only direct children
 * of the root count, so the `types` schema block never passes for a `smartType` or `targetType`.
 */
export function classify(
  root: XmlElement,
  sites: readonly ImageSite[],
  arrival: Arrival,
): ParseResult {
  if (root.key === 'deviceinfo') {
    const device = readDevice(root)
    const keepalive: Keepalive = {
      form: 'deviceInfo',
      source: 'ipc',
      format: 'v1',
      configVersion: '',
      device,
      ...arrival,
    }
    return { kind: 'keepalive', device, keepalive }
  }
  if (root.key !== 'config') {
    return unparsed(
      'no-messageType',
      `root element <${root.name}> is neither <config> nor <DeviceInfo>`,
    )
  }
  const configVersion = (root.attrs.version ?? '').trim()
  const format: EventFormat = configVersion.startsWith('2') ? 'v2' : 'v1'
  // An empty <messageType/> says nothing: the body is read as if it had none.
  const messageTypeElement = child(root, 'messagetype')
  const base = { format, configVersion, ...arrival }

  if (messageTypeElement !== null && messageTypeElement.text !== '') {
    const messageType = messageTypeElement.text.toLowerCase()
    const source: EventSource = 'nvr'
    if (messageType === 'keepalive') {
      const device = readDevice(root)
      const keepalive: Keepalive = { form: 'messageType', source, device, ...base }
      return { kind: 'keepalive', device, keepalive }
    }
    if (messageType === 'alarmstatus') {
      return { kind: 'alarmStatus', status: readAlarmStatus(root, { source, ...base }) }
    }
    if (messageType !== 'alarmdata') {
      return unparsed(
        'no-messageType',
        `messageType "${messageTypeElement.text}" is not keepalive, alarmStatus or alarmData`,
      )
    }
    const alarmType = text(root, 'smarttype')
    if (alarmType === '') return unparsed('unknown-smartType', 'alarmData post without a smartType')
    let info = NVR_SMART_TYPES.get(alarmType.toLowerCase())
    // API 2.1: VEHICLE inside the v2 envelope is a plate event, read from whichever list it has.
    if (info === undefined && /^vehic(l)?e$/i.test(alarmType)) info = IPC_SMART_TYPES.get('VEHICLE')
    if (info === undefined)
      return unparsed('unknown-smartType', `smartType "${alarmType}" is not a known NVR type`)
    return smartTypeEvent(
      { root, sites, source, ...base, alarmType, alarmDescription: info.description },
      info,
    )
  }

  // The v1 layout, whatever the version (a version-2 post without messageType is a camera post).
  const source: EventSource = 'ipc'
  // An empty status or traject block does not outrank a smartType: the post is that event.
  const smartType = child(root, 'smarttype')
  const status = child(root, 'alarmstatusinfo')
  if (status !== null && (smartType === null || status.children.length > 0)) {
    return { kind: 'alarmStatus', status: readAlarmStatus(root, { source, ...base }) }
  }
  const traject = child(root, 'traject')
  if (traject !== null && (smartType === null || traject.children.length > 0)) {
    return {
      kind: 'event',
      event: buildTraject({
        root,
        sites,
        source,
        ...base,
        alarmType: 'traject',
        alarmDescription: TRAJECT_DESCRIPTION,
      }),
    }
  }
  if (smartType !== null) {
    const alarmType = smartType.text
    const info = IPC_SMART_TYPES.get(alarmType.toUpperCase())
    if (info === undefined) {
      // A version-2 post without the envelope is only readable when it carries a camera code.
      if (format === 'v2') {
        return unparsed(
          'no-messageType',
          `version ${configVersion} post without messageType and with smartType "${alarmType}", which is not a camera code`,
        )
      }
      return unparsed('unknown-smartType', `smartType "${alarmType}" is not a known camera type`)
    }
    return smartTypeEvent(
      { root, sites, source, ...base, alarmType, alarmDescription: info.description },
      info,
    )
  }
  if (isAlarmServerHeartbeat(root)) {
    const device = readDevice(root)
    const keepalive: Keepalive = { form: 'alarmServer', source, device, ...base }
    return { kind: 'keepalive', device, keepalive }
  }
  return unparsed(
    'no-messageType',
    '<config> has no messageType, smartType, traject or alarmStatusInfo',
  )
}

/**
 * The legacy alarm server's heartbeat: a `config` holding `dataTime` and `deviceInfo` and nothing
 * else. Both are required, so a `config` with only a `deviceInfo` stays unreadable.
 */
function isAlarmServerHeartbeat(root: XmlElement): boolean {
  let time = false
  let device = false
  for (const c of root.children) {
    if (c.key === 'datatime') time = true
    else if (c.key === 'deviceinfo') device = true
    else return false
  }
  return time && device
}
