import type { CallOptions, CameraContext } from './camera-context.js'
import { CameraFailureError, CameraMalformedReplyError } from './camera-error.js'
import { writeNode } from './xml-node-writer.js'
import { at, child, childrenNamed, textAt, type XmlNode } from './xml-reader.js'
import { cdataElement, element, envelope } from './xml-writer.js'

/** Options of {@link CameraHttpPost.point}. */
export interface PointOptions extends CallOptions {
  /** Where the camera should post its events, e.g. `http://192.168.1.50:5050/API`. */
  url: string | URL
  /** Use this slot (1–3), whatever it holds; by default the slot already aimed at `url`, else a free one. */
  slot?: number
  /**
   * Seconds between heartbeats (30–120); heartbeats are always switched on.
   * @default the slot's current value, else 30
   */
  keepaliveSeconds?: number
}

/** What {@link CameraHttpPost.point} did. */
export interface PointResult {
  /** `false` when the slot already posted to the URL: nothing was written. */
  changed: boolean
  /** The slot (`urlId`, 1–3) that posts to the URL. */
  slot: number
  /** The camera applies new HTTP POST settings only after a reboot. */
  rebootRequired: boolean
}

/** One HTTP POST destination as the camera holds it. */
interface Slot {
  id: number
  on: boolean
  protocol: string
  domain: string
  port: number
  path: string
  heartbeat: boolean
  keepalive: number | null
  node: XmlNode
}

interface Target {
  protocol: string
  domain: string
  port: number
  path: string
}

const DEFAULT_DATA = ['alarmStatus', 'smartData', 'sourceImage', 'targetImage']
const DATA_TYPE_NAMES = ['subDataType', 'subscribeDateType']

function target(url: string | URL): Target {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new RangeError(`the camera posts over http or https, not ${parsed.protocol}`)
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new RangeError('credentials in the URL are not supported: set them in the camera web UI')
  }
  const protocol = parsed.protocol.slice(0, -1)
  return {
    protocol,
    domain: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? (protocol === 'https' ? 443 : 80) : Number(parsed.port),
    path: `${parsed.pathname}${parsed.search}`,
  }
}

function readSlots(config: XmlNode): { list: XmlNode; slots: Slot[] } {
  const list = at(config, 'httpPostV2', 'postUrlConf', 'urlList')
  if (list === undefined) {
    throw new CameraMalformedReplyError({
      command: 'GetHttpPostConfig',
      description: 'the reply has no httpPostV2/postUrlConf/urlList',
    })
  }
  const slots = childrenNamed(list, 'item').map((item): Slot => {
    const keepalive = Number(textAt(item, 'keepaliveTimeval'))
    return {
      id: Number(textAt(item, 'urlId')),
      on: textAt(item, 'switch') === 'true',
      protocol: (textAt(item, 'url', 'protocol') ?? 'http').toLowerCase(),
      domain: textAt(item, 'url', 'domain') ?? '',
      port: Number(textAt(item, 'url', 'port') ?? 80),
      path: textAt(item, 'url', 'path') ?? '',
      heartbeat: textAt(item, 'heatBeatSwitch') === 'true',
      keepalive: Number.isFinite(keepalive) && keepalive > 0 ? keepalive : null,
      node: item,
    }
  })
  return { list, slots }
}

function aimedAt(slot: Slot, to: Target): boolean {
  const path = (p: string) => (p.startsWith('/') ? p : `/${p}`)
  return (
    slot.protocol === to.protocol &&
    slot.domain.toLowerCase() === to.domain.toLowerCase() &&
    slot.port === to.port &&
    path(slot.path) === path(to.path)
  )
}

/** The camera's HTTP POST (webhook) destinations: `cam.httpPost`. */
export class CameraHttpPost {
  readonly #ctx: CameraContext

  /** @internal Made by {@link ViewtronCamera}. */
  constructor(ctx: CameraContext) {
    this.#ctx = ctx
  }

  async #read(signal?: AbortSignal) {
    const config = await this.#ctx.transport.xml({
      command: 'GetHttpPostConfig',
      method: 'POST',
      body: envelope(),
      read: true,
      signal,
    })
    return readSlots(config)
  }

  /**
   * Aims one of the camera's three HTTP POST slots at `url`, with heartbeats on: the slot
   * already aimed there, else a free one (empty, then switched off). Reads the settings back to
   * check the camera kept them. A second identical call writes nothing (`changed: false`).
   */
  async point(options: PointOptions): Promise<PointResult> {
    const to = target(options.url)
    const { keepaliveSeconds, slot: wantedSlot, signal } = options
    if (keepaliveSeconds !== undefined && !(keepaliveSeconds >= 30 && keepaliveSeconds <= 120)) {
      throw new RangeError(`keepaliveSeconds must be from 30 to 120, got ${keepaliveSeconds}`)
    }
    if (wantedSlot !== undefined && ![1, 2, 3].includes(wantedSlot)) {
      throw new RangeError(`slot must be 1, 2 or 3, got ${wantedSlot}`)
    }
    const { list, slots } = await this.#read(signal)
    const chosen =
      wantedSlot !== undefined
        ? slots.find((s) => s.id === wantedSlot)
        : // A slot switched off but still holding an address is somebody's setting, paused: it
          // is only replaced when named.
          (slots.find((s) => aimedAt(s, to)) ?? slots.find((s) => s.domain === ''))
    if (chosen === undefined) {
      throw new CameraFailureError({
        command: 'GetHttpPostConfig',
        description:
          wantedSlot !== undefined
            ? `the camera has no HTTP POST slot ${wantedSlot}`
            : `every HTTP POST slot is in use (${slots.map((s) => `${s.id}: ${s.protocol}://${s.domain}:${s.port}${s.path}${s.on ? '' : ' (switched off)'}`).join(', ')}); pass a slot to replace one`,
      })
    }
    const keepalive = keepaliveSeconds ?? chosen.keepalive ?? 30
    const inPlace =
      aimedAt(chosen, to) && chosen.on && chosen.heartbeat && chosen.keepalive === keepalive
    if (inPlace) return { changed: false, slot: chosen.id, rebootRequired: false }
    const dataTypeName = await this.#dataTypeName(chosen.node, signal)
    const items = slots.map((s) =>
      s === chosen ? slotXml(s, to, keepalive, dataTypeName) : writeNode(s.node),
    )
    const attrs = Object.entries(list.attrs)
      .filter(([name]) => name !== 'count')
      .map(([name, value]) => ` ${name}="${value.replaceAll('"', '')}"`)
      .join('')
    const body = element(
      'httpPostV2',
      element(
        'postUrlConf',
        element('urlList', items.join(''), `${attrs} count="${items.length}"`),
      ),
    )
    await this.#ctx.transport.xml({
      command: 'SetHttpPostConfig',
      method: 'POST',
      body: envelope(body),
      read: false,
      signal,
    })
    const after = (await this.#read(signal)).slots.find((s) => s.id === chosen.id)
    if (after === undefined || !aimedAt(after, to) || !after.on) {
      throw new CameraFailureError({
        command: 'SetHttpPostConfig',
        description: `the camera accepted the setting but slot ${chosen.id} does not post to ${String(options.url)}`,
      })
    }
    return { changed: true, slot: chosen.id, rebootRequired: true }
  }

  /**
   * The element the data types go in: as the slot has it, else `subDataType` on API 2.1
   * firmware and `subscribeDateType` before.
   */
  async #dataTypeName(item: XmlNode, signal?: AbortSignal): Promise<string> {
    for (const name of DATA_TYPE_NAMES) if (child(item, name) !== undefined) return name
    const { apiVersion } = await this.#ctx.capabilities(signal)
    const [major = 0, minor = 0] = (apiVersion ?? '').split('.').map(Number)
    return major > 2 || (major === 2 && minor >= 1) ? 'subDataType' : 'subscribeDateType'
  }
}

/**
 * A slot's new XML: ours for the destination and heartbeat, the rest as the camera had it. Empty
 * data-type and event lists get the defaults (events with images, alarm status; all events), or
 * the camera would post nothing.
 */
function slotXml(slot: Slot, to: Target, keepalive: number, dataTypeName: string): string {
  const auth = textAt(slot.node, 'url', 'authentication') ?? 'none'
  const url = element(
    'url',
    element('protocol', to.protocol) +
      cdataElement('domain', to.domain) +
      element('port', to.port) +
      cdataElement('path', to.path) +
      element('authentication', auth),
  )
  const list = (name: string, defaults: string[]): string => {
    const items = childrenNamed(child(slot.node, name), 'item')
    if (items.length > 0) return writeNode(child(slot.node, name) as XmlNode)
    return element(name, defaults.map((d) => element('item', d)).join(''))
  }
  const ours = new Set(['urlId', 'switch', 'url', 'heatBeatSwitch', 'keepaliveTimeval'])
  ours.add(dataTypeName).add('subscriptionEvents')
  const kept = slot.node.children.filter((c) => !ours.has(c.name)).map(writeNode)
  return element(
    'item',
    element('urlId', slot.id) +
      element('switch', 'true') +
      url +
      element('heatBeatSwitch', 'true') +
      element('keepaliveTimeval', keepalive) +
      list(dataTypeName, DEFAULT_DATA) +
      list('subscriptionEvents', ['ALL']) +
      kept.join(''),
  )
}
