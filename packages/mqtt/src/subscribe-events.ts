import { randomBytes } from 'node:crypto'
import type { EventCategory } from '@viewtron/core'
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt'
import { clientOptions, connectUrl, type MqttConnectionOptions } from './connection-options.js'
import { consumerSubscriptions } from './consumer-subscriptions.js'
import { DedupeWindow } from './dedupe-window.js'
import { DEFERRED, deferredAck } from './deferred-ack.js'
import { endClient } from './end-client.js'
import { ImageCache } from './image-cache.js'
import {
  imageTopicsOf,
  MalformedEvent,
  type MqttEvent,
  parseEventJson,
  reviveEvent,
} from './received-event.js'
import { checkedPrefix } from './topics.js'

/** Settings of {@link subscribeEvents}. Only `url` is required. */
export interface SubscribeEventsOptions extends MqttConnectionOptions {
  /** @default 'viewtron' */
  topicPrefix?: string
  /**
   * Share the stream with every other consumer of this group (MQTT v5 shared subscription
   * `$share/<group>/…`): each event goes to one of them.
   */
  group?: string
  /**
   * Only these categories. `traject` (QoS 0, published only with the bridge's `traject: true`)
   * comes only when named here; as QoS 0 it has no backpressure, so beyond `maxInFlight`
   * waiting traject events newer ones are dropped.
   * @default every category but `traject`
   */
  categories?: readonly EventCategory[]
  /** Ends the loop (it throws `signal.reason`) and disconnects. */
  signal?: AbortSignal
  /**
   * A fixed client id makes the session persistent: the broker keeps the subscriptions and
   * queues events while this consumer is away (for `sessionExpirySeconds`).
   * @default a random id, clean session
   */
  clientId?: string
  /** How long the broker keeps a persistent session. @default 3600 */
  sessionExpirySeconds?: number
  /**
   * Events received but not yet taken by the loop (MQTT v5 receive maximum): the broker holds
   * the rest until the loop takes one. With MQTT 3.1.1 the broker's own in-flight limit applies.
   * @default 16
   */
  maxInFlight?: number
  /** How long an event waits for an image message it names. @default 2000 */
  imageWaitMs?: number
  /** Image bytes held for events not yet taken. @default 67108864 (64 MiB) */
  maxImageBytes?: number
  /** Event ids remembered to drop repeats. @default 10000 */
  dedupeWindow?: number
  /** Receives messages that are not events of the bridge, and connection errors. */
  onError?: (error: Error) => void
}

interface Held {
  topic: string
  body: Record<string, unknown>
  /** The connection it came on (mqtt.js's stream). */
  connection: unknown
  /** QoS 1: a resumed session's broker sends it again until it is acknowledged. */
  qos1: boolean
  /** Sends its PUBACK (on that connection only). */
  ack: () => void
}

const DEFAULTS = { maxInFlight: 16, imageWaitMs: 2000, maxImageBytes: 64 * 1024 * 1024 }

function userProperty(packet: IPublishPacket, name: string): string {
  const value = packet.properties?.userProperties?.[name]
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : ''
}

/**
 * Subscribes to the events an MQTT bridge publishes and yields them as core's event classes,
 * plus `id`, `cameraId` and `nodeId`, with their images' bytes. A message is acknowledged to the
 * broker only once the loop has taken it, so a slow loop slows the broker down instead of
 * piling up events; repeats by `id` are dropped. Works with `@viewtron/helpers` combinators.
 *
 * @example
 * ```ts
 * for await (const event of subscribeEvents({ url: 'mqtt://localhost:1883', group: 'workers' })) {
 *   if (event.category === 'lpr') console.log(event.cameraId, event.plateNumber)
 * }
 * ```
 */
export function subscribeEvents(options: SubscribeEventsOptions): AsyncIterableIterator<MqttEvent> {
  const prefix = checkedPrefix('topicPrefix', options.topicPrefix ?? 'viewtron')
  if (options.group !== undefined && !/^[^/+#$]+$/.test(options.group)) {
    throw new TypeError(`group must be a non-empty name without '/', '+', '#' or '$'`)
  }
  const maxInFlight = options.maxInFlight ?? DEFAULTS.maxInFlight
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 65535) {
    throw new RangeError(`maxInFlight must be an integer from 1 to 65535, got ${maxInFlight}`)
  }
  const imageWaitMs = options.imageWaitMs ?? DEFAULTS.imageWaitMs
  const onError = options.onError ?? (() => undefined)
  const images = new ImageCache(options.maxImageBytes ?? DEFAULTS.maxImageBytes, 60_000)
  const dedupe = new DedupeWindow(options.dedupeWindow ?? 10_000)
  const held: Held[] = []
  /** Traject messages (QoS 0, no backpressure possible) buffered; beyond the bound they drop. */
  let trajectHeld = 0
  let wake: (() => void) | null = null
  let ended = false
  let failure: unknown = null

  const persistent = options.clientId !== undefined
  const base = clientOptions(options)
  const v5 = base.protocolVersion === 5
  const keep = (item: Held): void => {
    held.push(item)
    wake?.()
  }
  const parse = (topic: string, payload: Buffer): Record<string, unknown> | null => {
    try {
      return parseEventJson(payload)
    } catch (error) {
      onError(
        error instanceof MalformedEvent
          ? new MalformedEvent(`${topic}: ${error.message}`)
          : (error as Error),
      )
      return null
    }
  }
  const client: MqttClient = mqtt.connect(connectUrl(options), {
    ...base,
    clientId: options.clientId ?? `viewtron-consumer-${randomBytes(6).toString('hex')}`,
    clean: !persistent,
    ...(v5
      ? {
          properties: {
            // The broker sends at most this many QoS 1 messages unacknowledged: with the
            // PUBACK deferred until the loop takes an event, this bounds the local buffer, and
            // a slow loop slows the broker down.
            receiveMaximum: maxInFlight,
            ...(persistent ? { sessionExpiryInterval: options.sessionExpirySeconds ?? 3600 } : {}),
          },
        }
      : {}),
  })
  /** Events whose PUBACK waits until the loop takes them. */
  const deferred = new WeakSet<IPublishPacket>()
  client.on('error', (error) => onError(error))
  client.on('message', (topic, payload, packet) => {
    if (topic.includes('/image/')) {
      images.add(userProperty(packet, 'eventId'), topic, payload)
      return
    }
    // QoS 0 is traject: no backpressure possible, so bounded here.
    if (packet.qos === 0 && trajectHeld >= maxInFlight) return
    const body = parse(topic, payload)
    if (body === null) return
    if (packet.qos === 0) {
      trajectHeld++
      keep({ topic, body, connection: client.stream, qos1: false, ack: () => trajectHeld-- })
      return
    }
    deferred.add(packet)
    keep({ topic, body, connection: client.stream, qos1: true, ack: deferredAck(client, packet) })
  })
  // mqtt.js sends a message's PUBACK from this hook's callback, and handles no other packet
  // (pings included) until it is called: call it at once, with an error for a deferred event,
  // which skips the PUBACK (sent later, once the loop took the event).
  client.handleMessage = (packet, callback) => {
    if (packet.cmd === 'publish' && deferred.delete(packet)) callback(DEFERRED)
    else callback()
  }
  // A resumed session gets every unacknowledged message again: drop the copies of an earlier
  // connection (they could not be acknowledged any more), so the buffer stays within
  // maxInFlight. A new session (clean, expired, or a broker that lost it) sends nothing again:
  // keep them, they are delivered without a PUBACK, which the broker no longer expects.
  client.on('connect', (connack) => {
    if (!connack.sessionPresent) return
    for (let i = held.length - 1; i >= 0; i--) {
      const item = held[i] as Held
      if (item.qos1 && item.connection !== client.stream) {
        held.splice(i, 1)
        item.ack()
      }
    }
  })

  client.subscribe(
    consumerSubscriptions(prefix, options.categories ?? null, options.group, v5),
    (error) => {
      if (error) finish(error)
    },
  )

  let closed: Promise<void> = Promise.resolve()
  const finish = (error: unknown): void => {
    if (ended) return
    ended = true
    failure = error
    held.length = 0
    // Not forced: the PUBACKs of what the loop took go out before the DISCONNECT; what it never
    // took stays unacknowledged, so the broker delivers it again (or to another consumer).
    closed = endClient(client, 2000).catch((closeError: Error) => onError(closeError))
    wake?.()
  }
  const onAbort = (): void => finish(options.signal?.reason)
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })

  /** Waits (bounded) for the image messages an event names, then builds it. */
  async function build(item: Held): Promise<MqttEvent> {
    const id = item.body.id as string
    const topics = imageTopicsOf(item.body)
    const missing = (): boolean => topics.some((topic) => !images.has(id, topic))
    if (missing()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, imageWaitMs)
        const stop = images.onAdd(() => {
          if (!missing()) done()
        })
        function done(): void {
          clearTimeout(timer)
          stop()
          resolve()
        }
      })
    }
    return reviveEvent(item.body, images.take(id, topics))
  }

  const iterator: AsyncIterableIterator<MqttEvent> = {
    async next(): Promise<IteratorResult<MqttEvent>> {
      for (;;) {
        if (ended) {
          options.signal?.removeEventListener('abort', onAbort)
          if (failure !== null && failure !== undefined) throw failure
          return { done: true, value: undefined }
        }
        const item = held.shift()
        if (item === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve
          })
          wake = null
          continue
        }
        const event = await build(item)
        // Taken by the loop: now the broker may forget it.
        item.ack()
        if (dedupe.add(event.id)) return { done: false, value: event }
      }
    },
    async return(): Promise<IteratorResult<MqttEvent>> {
      finish(null)
      options.signal?.removeEventListener('abort', onAbort)
      await closed
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
  return iterator
}
