import type { IClientPublishOptions, MqttClient } from 'mqtt'
import type { OutgoingMessage } from './event-messages.js'
import { GateClosed, type InflightGate } from './inflight-gate.js'

/** The broker answered a publish with an error reason code (MQTT v5 PUBACK ≥ 0x80). */
export class PublishRefused extends Error {
  constructor(
    message: string,
    readonly reasonCode: number,
  ) {
    super(message)
    this.name = 'PublishRefused'
  }
}

/** The deadline passed before the broker acknowledged the message. */
export class PublishTimeout extends Error {
  constructor(topic: string) {
    super(`no PUBACK for ${topic} before the broker timeout`)
    this.name = 'PublishTimeout'
  }
}

function publishOptions(client: MqttClient, message: OutgoingMessage): IClientPublishOptions {
  const options: IClientPublishOptions = { qos: message.qos, retain: message.retain }
  // User properties and content type exist only in MQTT v5.
  if (client.options.protocolVersion === 5) {
    options.properties = { contentType: message.contentType }
    // An empty user-property map makes mqtt.js write a packet the broker never acknowledges.
    if (Object.keys(message.userProperties).length > 0) {
      options.properties.userProperties = message.userProperties
    }
  }
  return options
}

/** One publish in flight; `abandon()` takes it back from mqtt.js if it is still waiting. */
export interface PublishAttempt {
  done: Promise<void>
  abandon(): void
}

/** mqtt.js's queue of publishes waiting for its store replay (after a reconnect) to finish. */
interface StoreProcessing {
  _storeProcessingQueue?: { callback?: unknown }[]
}

/**
 * Publishes once: `done` resolves on PUBACK (QoS 1) or once written (QoS 0). mqtt.js keeps a
 * QoS 1 message it could not send and sends it again after a reconnect; the callback then
 * comes with that later PUBACK.
 */
export function publishOnce(client: MqttClient, message: OutgoingMessage): PublishAttempt {
  let callback: (error?: Error) => void = () => undefined
  let settled = false
  let messageId: number | undefined
  const done = new Promise<void>((resolve, reject) => {
    callback = (error) => {
      settled = true
      if (error === undefined || error === null) return resolve()
      const code = (error as { code?: unknown }).code
      if (typeof code === 'number' && code >= 0x80) {
        reject(new PublishRefused(`broker refused ${message.topic}: ${error.message}`, code))
      } else reject(error)
    }
    client.publish(message.topic, message.payload, publishOptions(client, message), callback)
  })
  if (message.qos > 0) {
    // The packet id is what identifies the message later: after a reconnect mqtt.js re-sends
    // it from its store under a callback of its own.
    const last = client.getLastMessageId()
    if (client.outgoing[last]?.cb === callback) messageId = last
  }
  return {
    done,
    abandon() {
      // A refused post's messages must not stay in mqtt.js's store, sent again after every
      // reconnect: the camera sends the post again anyway. Until the callback ran, the packet
      // id is still this message's own.
      if (settled) return
      const waiting = (client as unknown as StoreProcessing)._storeProcessingQueue
      const queued = waiting?.findIndex((entry) => entry.callback === callback) ?? -1
      if (waiting !== undefined && queued !== -1) {
        // Never given a packet id: mqtt.js was still replaying its store.
        waiting.splice(queued, 1)
      } else {
        if (messageId === undefined) {
          for (const [id, entry] of Object.entries(client.outgoing)) {
            if (entry.cb === callback) messageId = Number(id)
          }
        }
        if (messageId === undefined) return
        if (client.outgoing[messageId] !== undefined) client.removeOutgoingMessage(messageId)
        else client.outgoingStore.del({ messageId }, () => undefined)
      }
      // Whatever mqtt.js calls back (or not) once it let go, the attempt is over.
      callback(new Error('Message removed'))
    },
  }
}

const utf8Length = (text: string): number => 2 + Buffer.byteLength(text)
const varintLength = (value: number): number =>
  value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4

/** The size of the PUBLISH packet mqtt.js writes for `message` (to compare with the broker's maximum). */
export function packetSize(client: MqttClient, message: OutgoingMessage): number {
  let remaining = utf8Length(message.topic) + (message.qos > 0 ? 2 : 0) + message.payload.length
  if (client.options.protocolVersion === 5) {
    let properties = 1 + utf8Length(message.contentType)
    for (const [key, value] of Object.entries(message.userProperties)) {
      properties += 1 + utf8Length(key) + utf8Length(value)
    }
    remaining += varintLength(properties) + properties
  }
  return 1 + varintLength(remaining) + remaining
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Publishes once a place in flight is free (see {@link InflightGate}), holding it until mqtt.js
 * lets go of the message. Rejects with `GateClosed` if no place came before `deadline`/`stop`.
 */
export async function publishGated(
  client: MqttClient,
  gate: InflightGate,
  message: OutgoingMessage,
  deadline?: number,
  stop?: AbortSignal,
): Promise<PublishAttempt> {
  // QoS 0 is never acknowledged, so it takes no place.
  if (message.qos === 0) return publishOnce(client, message)
  const release = await gate.acquire(deadline, stop)
  const attempt = publishOnce(client, message)
  attempt.done.then(release, release)
  return attempt
}

/**
 * Publishes until the broker acknowledges, or fails at the deadline. A lost connection (the
 * callback's "Connection closed") publishes again once the client is back; a broker refusal
 * is final at once ({@link PublishRefused}); past the deadline it is {@link PublishTimeout}.
 * `stop` ends the wait and the retries at once (the bridge is closing). Each attempt is handed
 * to `track`, so the caller can hold the message's memory until mqtt.js lets go of it, even
 * after a timeout. No more messages are in flight than `gate` allows.
 */
export async function publishUntilAcked(
  client: MqttClient,
  gate: InflightGate,
  message: OutgoingMessage,
  deadline: number,
  stop: AbortSignal,
  track: (attempt: Promise<unknown>) => void,
): Promise<void> {
  for (;;) {
    const left = deadline - Date.now()
    if (left <= 0 || stop.aborted) throw new PublishTimeout(message.topic)
    let attempt: PublishAttempt
    try {
      attempt = await publishGated(client, gate, message, deadline, stop)
    } catch (error) {
      if (error instanceof GateClosed) throw new PublishTimeout(message.topic)
      throw error
    }
    let timer: NodeJS.Timeout | undefined
    let onStop = (): void => undefined
    const timeout = new Promise<never>((_, reject) => {
      const fail = (): void => reject(new PublishTimeout(message.topic))
      timer = setTimeout(fail, Math.max(0, deadline - Date.now()))
      onStop = fail
      stop.addEventListener('abort', onStop, { once: true })
    })
    track(attempt.done.catch(() => undefined))
    try {
      await Promise.race([attempt.done, timeout])
      return
    } catch (error) {
      if (error instanceof PublishTimeout) attempt.abandon()
      if (error instanceof PublishRefused || error instanceof PublishTimeout) throw error
      // Connection closed (or similar): publish again once there is a connection.
      await delay(Math.min(250, Math.max(0, deadline - Date.now())))
    } finally {
      clearTimeout(timer)
      stop.removeEventListener('abort', onStop)
    }
  }
}
