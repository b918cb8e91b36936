import { type DeviceInfo, EVENT_CATEGORIES, type EventCategory } from '@viewtron/core'
import { anonymousKey, cameraKey } from './camera-key.js'
import type { WireCamera, WireCounters, WireEvent } from './wire.js'

/** What the board needs from the server's view of one client IP. */
export interface PresenceInfo {
  clientIp: string
  firstSeen: Date
  lastSeen: Date
  device: DeviceInfo | null
  /** The server's presence tracking. */
  online: boolean
}

/** Where a post came from, as far as a card needs to know. */
export interface PostOrigin {
  clientIp: string
  device: DeviceInfo
  source: 'ipc' | 'nvr'
  configVersion: string
  at: Date
}

const zeroCounts = (): Record<EventCategory, number> =>
  Object.fromEntries(EVENT_CATEGORIES.map((category) => [category, 0])) as Record<
    EventCategory,
    number
  >

function cardName(device: DeviceInfo, clientIp: string): string {
  const name = device.name !== '' ? device.name : device.ip !== '' ? device.ip : clientIp
  return device.channelId === null ? name : `${name} · channel ${device.channelId}`
}

/**
 * The camera cards and counters: one card per device, created from its first post that carries
 * an identity, kept up to date by events, heartbeats and presence changes. Cards that changed
 * since the last {@link takeChanged} are remembered, so the page gets only those.
 */
export class CameraBoard {
  readonly #cards = new Map<string, WireCamera>()
  /** Card keys by client IP, for presence changes (which are per IP). */
  readonly #byIp = new Map<string, Set<string>>()
  readonly #changed = new Set<string>()
  readonly #removed = new Set<string>()
  readonly #counters: WireCounters

  constructor(since: Date) {
    this.#counters = {
      since: since.toISOString(),
      total: 0,
      byCategory: zeroCounts(),
      byCamera: {},
    }
  }

  get cameras(): WireCamera[] {
    return [...this.#cards.values()]
  }

  get counters(): WireCounters {
    return this.#counters
  }

  /** The card for a post's origin (created when new); its key and display name. */
  cardFor(origin: PostOrigin): { key: string; name: string } {
    const card = this.#ensure(origin.clientIp, origin.device, origin.at)
    if (origin.device.ip !== '') card.deviceIp = origin.device.ip
    card.source = origin.source
    card.configVersion = origin.configVersion
    return { key: card.key, name: card.name }
  }

  /** Counts an event on its card (already created by {@link cardFor}). */
  noteEvent(event: WireEvent): void {
    const counters = this.#counters
    counters.total++
    counters.byCategory[event.category]++
    counters.byCamera[event.camera] = (counters.byCamera[event.camera] ?? 0) + 1
    const card = this.#cards.get(event.camera)
    if (card === undefined) return
    card.events++
    card.lastSeen = event.receivedAt
    card.online = true
    if (event.category !== 'traject') card.lastEvent = event
    this.#changed.add(card.key)
  }

  /** Brings the cards of one IP in line with the server's registry (last seen, presence). */
  sync(info: PresenceInfo): void {
    if (info.device !== null) this.#ensure(info.clientIp, info.device, info.firstSeen)
    else if (!this.#byIp.has(info.clientIp)) this.#ensure(info.clientIp, null, info.firstSeen)
    const lastSeen = info.lastSeen.toISOString()
    for (const key of this.#byIp.get(info.clientIp) ?? []) {
      const card = this.#cards.get(key)
      if (card === undefined) continue
      const { online } = info
      if (card.online !== online || card.lastSeen < lastSeen) {
        card.online = online
        if (card.lastSeen < lastSeen) card.lastSeen = lastSeen
        this.#changed.add(key)
      }
    }
  }

  /** A presence change for every card at that IP. */
  setPresence(clientIp: string, online: boolean): void {
    for (const key of this.#byIp.get(clientIp) ?? []) {
      const card = this.#cards.get(key)
      if (card === undefined || card.online === online) continue
      card.online = online
      this.#changed.add(key)
    }
  }

  /** The cards changed and the keys of cards removed since the last call. */
  takeChanged(): { cameras: WireCamera[]; removed: string[] } {
    const cameras: WireCamera[] = []
    for (const key of this.#changed) {
      const card = this.#cards.get(key)
      if (card !== undefined) cameras.push(card)
    }
    const removed = [...this.#removed]
    this.#changed.clear()
    this.#removed.clear()
    return { cameras, removed }
  }

  #ensure(clientIp: string, device: DeviceInfo | null, at: Date): WireCamera {
    const key = (device === null ? null : cameraKey(clientIp, device)) ?? anonymousKey(clientIp)
    const known = this.#cards.get(key)
    if (known !== undefined) {
      if (device !== null && device.name !== '') known.name = cardName(device, clientIp)
      return known
    }
    let keys = this.#byIp.get(clientIp)
    if (keys === undefined) {
      keys = new Set()
      this.#byIp.set(clientIp, keys)
    }
    // A device that identified itself replaces the anonymous card its empty heartbeats made.
    const anonymous = anonymousKey(clientIp)
    if (key !== anonymous && keys.delete(anonymous)) {
      this.#cards.delete(anonymous)
      this.#removed.add(anonymous)
    }
    const card: WireCamera = {
      key,
      clientIp,
      name: device === null ? clientIp : cardName(device, clientIp),
      deviceIp: device?.ip ?? '',
      mac: device?.mac ?? '',
      sn: device?.sn ?? '',
      source: null,
      channelId: device?.channelId ?? null,
      configVersion: '',
      online: true,
      firstSeen: at.toISOString(),
      lastSeen: at.toISOString(),
      events: 0,
      lastEvent: null,
    }
    keys.add(key)
    this.#cards.set(key, card)
    this.#changed.add(key)
    return card
  }
}
