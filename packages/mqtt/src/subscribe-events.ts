import { randomBytes } from 'node:crypto'
import type { EventCategory } from '@viewtron/core'
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt'
import { clientOptions, connectUrl, type MqttConnectionOptions } from './connection-options.js'
import { DedupeWindow } from './dedupe-window.js'
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
  /** Only these categories. @default every category */
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
   * Unacknowledged messages the broker may send at once (MQTT v5 receive maximum).
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
  let wake: (() => void) | null = null
  let ended = false
  let failure: unknown = null

  const persistent = options.clientId !== undefined
  const base = clientOptions(options)
  const v5 = base.protocolVersion === 5
  const client: MqttClient = mqtt.connect(connectUrl(options), {
    ...base,
    clientId: options.clientId ?? `viewtron-consumer-${randomBytes(6).toString('hex')}`,
    clean: !persistent,
    ...(v5
      ? {
          properties: {
            receiveMaximum: maxInFlight,
            ...(persistent ? { sessionExpiryInterval: options.sessionExpirySeconds ?? 3600 } : {}),
          },
        }
      : {}),
    // Called for each QoS 1 message; PUBACK goes out only when `ack` is called.
    customHandleAcks: (topic, payload, packet, ack) => {
      const done = (): void => ack(0)
      if (topic.includes('/image/')) {
        images.add(userProperty(packet, 'eventId'), topic, payload)
        return done()
      }
      let body: Record<string, unknown>
      try {
        body = parseEventJson(payload)
      } catch (error) {
        onError(
          error instanceof MalformedEvent
            ? new MalformedEvent(`${topic}: ${error.message}`)
            : (error as Error),
        )
        return done()
      }
      held.push({ topic, body, ack: done })
      wake?.()
    },
  })
  client.on('error', (error) => onError(error))
  // A PUBACK is only valid on the connection the message came on. When it drops, a persistent
  // session gets the untaken messages again (so forget them here); a clean session's broker has
  // forgotten them already, so they are still delivered, with nothing left to acknowledge.
  client.on('close', () => {
    if (persistent) held.length = 0
    else for (const item of held) item.ack = () => undefined
  })

  const categories = options.categories ?? null
  const levels = categories === null ? ['+'] : [...new Set(categories)]
  const share = options.group === undefined ? '' : `$share/${options.group}/`
  const subscriptions: Record<string, { qos: 1; rh?: number }> = {}
  for (const category of levels) {
    subscriptions[`${share}${prefix}/+/${category}/event`] = { qos: 1 }
    // Every consumer sees every image (retained old ones skipped), so an event taken by any
    // member of the group finds its images.
    subscriptions[`${prefix}/+/${category}/image/+`] = v5 ? { qos: 1, rh: 2 } : { qos: 1 }
  }
  client.subscribe(subscriptions, (error) => {
    if (error) finish(error)
  })

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
