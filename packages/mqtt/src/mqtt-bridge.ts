import { setMaxListeners } from 'node:events'
import { type AlarmStatus, type CameraInfo, RefusePost, type ViewtronEvent } from '@viewtron/core'
import type { MqttClient } from 'mqtt'
import { alarmMessages, alarmStates } from './alarm-messages.js'
import { bridgeClient, closeBridgeClient } from './bridge-client.js'
import {
  type MqttBridgeOptions,
  type ResolvedBridgeOptions,
  resolveBridgeOptions,
} from './bridge-options.js'
import type { HandlerHost, MqttBridgeHandlers, MqttBridgeStats } from './bridge-types.js'
import { CameraAnnouncer } from './camera-announcer.js'
import { checkedCameraId } from './camera-id.js'
import { DeliveryFailed, deliver, publishBestEffort } from './event-delivery.js'
import { eventIdOf } from './event-id.js'
import { eventMessages, type OutgoingMessage } from './event-messages.js'
import { alarmConfig, categoryConfigs, type DiscoveryContext } from './ha-discovery.js'
import { InflightGate } from './inflight-gate.js'
import { PendingBudget } from './pending-budget.js'
import { publishGated } from './publish-message.js'
import { republishMessages } from './republish.js'
import { retained } from './retained-message.js'
import { trackingState } from './state-tracking.js'
import { Topics } from './topics.js'
import { VERSION } from './version.js'

export type { HandlerHost, MqttBridgeHandlers, MqttBridgeStats } from './bridge-types.js'

const JSON_TYPE = 'application/json'

/**
 * Publishes the events a `ViewtronServer` receives to an MQTT broker, acknowledging each post
 * only once the broker has acknowledged (PUBACK) every message of its event. Create it with
 * {@link createMqttBridge}.
 */
export class MqttBridge {
  /** The callbacks to give the server. */
  readonly handlers: MqttBridgeHandlers
  readonly #options: ResolvedBridgeOptions
  readonly #topics: Topics
  readonly #context: DiscoveryContext
  readonly #client: MqttClient
  readonly #budget: PendingBudget
  /** No more QoS 1 messages unacknowledged than the broker's Receive Maximum. */
  readonly #gate = new InflightGate()
  readonly #announcer: CameraAnnouncer
  readonly #ready: Promise<void>
  #closing: Promise<void> | null = null
  /** Aborted by close(): posts still waiting for the broker are refused at once. */
  readonly #stop = new AbortController()
  #connects = 0
  /** The broker's `maximumPacketSize` (MQTT v5 CONNACK), if it announced one. */
  #maxPacketSize: number | undefined
  readonly #counts = {
    published: 0,
    refused: 0,
    traject: { published: 0, dropped: 0 },
    alarmStatuses: 0,
    errors: 0,
  }

  constructor(options: MqttBridgeOptions) {
    const resolved = resolveBridgeOptions(options)
    this.#options = resolved
    this.#topics = new Topics(resolved.topicPrefix)
    this.#context = {
      topics: this.#topics,
      discoveryPrefix: resolved.discoveryPrefix,
      nodeId: resolved.nodeId,
      version: VERSION,
    }
    this.#budget = new PendingBudget(resolved.maxPendingEvents, resolved.maxPendingBytes)
    this.#announcer = new CameraAnnouncer({
      discovery: this.#context,
      homeAssistant: resolved.homeAssistant,
      deviceInfo: resolved.deviceInfo,
      background: (message) => this.#background(message),
      report: (error) => this.#report(error),
    })
    // Every message waiting for its PUBACK listens on the stop signal: many at once is normal.
    setMaxListeners(0, this.#stop.signal)
    this.handlers = {
      onEvent: (event, clientIp) => this.#refusing(this.#onEvent(event, clientIp)),
      onAlarmStatus: (status, clientIp) => this.#refusing(this.#onAlarmStatus(status, clientIp)),
      onPresence: (camera, online) => this.#onPresence(camera, online),
    }
    let markReady: () => void = () => undefined
    this.#ready = new Promise((resolve) => {
      markReady = resolve
    })
    this.#client = bridgeClient(resolved, this.#topics, {
      limits: (receiveMaximum, maximumPacketSize) => {
        this.#gate.setLimit(receiveMaximum)
        this.#maxPacketSize = maximumPacketSize
      },
      connected: () => {
        this.#connects++
        markReady()
        this.#republish()
      },
      homeAssistantOnline: () => this.#republish(),
      error: (error) => this.#report(error),
    })
  }

  /** Resolves once the bridge first connected to the broker. */
  ready(): Promise<void> {
    return this.#ready
  }

  /** Hands {@link handlers} to the server; returns the function that detaches them. */
  attach(server: HandlerHost): () => void {
    return server.use(this.handlers)
  }

  /** Counters and the current pending load. */
  stats(): MqttBridgeStats {
    return {
      nodeId: this.#options.nodeId,
      connected: this.#client.connected,
      reconnects: Math.max(0, this.#connects - 1),
      ...this.#counts,
      traject: { ...this.#counts.traject },
      pendingEvents: this.#budget.events,
      pendingBytes: this.#budget.bytes,
      inFlight: this.#gate.used,
      maxInFlight: this.#gate.limit,
      cameras: this.#announcer.cameras.size,
    }
  }

  /**
   * Publishes `offline` on the bridge status topic and disconnects. Posts still waiting for the
   * broker (or for room in the pending limits), and any arriving afterwards, are refused
   * (`503`), never acknowledged. Shut the server down first so that posts already on their way
   * are delivered.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#stop.abort()
      await closeBridgeClient(
        this.#client,
        this.#gate,
        this.#topics.bridgeStatus(this.#options.nodeId),
        Math.min(2000, this.#options.brokerTimeoutMs),
      )
    })()
    return this.#closing
  }

  #report(error: Error): void {
    this.#counts.errors++
    this.#options.onError(error)
  }

  /**
   * Any other failure (a `cameraId` function throwing or returning a bad id, an image's bytes
   * unreadable) would be acknowledged by the server with nothing published: report it and
   * refuse the post instead, so the camera sends it again.
   */
  async #refusing(handling: Promise<void>): Promise<void> {
    try {
      await handling
    } catch (error) {
      if (error instanceof RefusePost) throw error
      if (error instanceof DeliveryFailed) throw this.#refusal(error.message)
      this.#report(error instanceof Error ? error : new Error(String(error)))
      throw this.#refusal('the MQTT bridge could not publish the event')
    }
  }

  #refusal(reason: string): RefusePost {
    this.#counts.refused++
    return new RefusePost(reason, { retryAfterSeconds: this.#options.retryAfterSeconds })
  }

  /** Publishes the stages in order (see `deliver`); throws `DeliveryFailed` otherwise. */
  #deliver(stages: OutgoingMessage[][]): Promise<void> {
    if (this.#closing !== null) throw new DeliveryFailed('the MQTT bridge is closing')
    return deliver(stages, {
      client: this.#client,
      gate: this.#gate,
      budget: this.#budget,
      stop: this.#stop.signal,
      brokerTimeoutMs: this.#options.brokerTimeoutMs,
      maxPacketSize: this.#maxPacketSize,
      report: (error) => this.#report(error),
    })
  }

  async #onEvent(event: ViewtronEvent, clientIp: string): Promise<void> {
    if (event.category === 'traject' && !this.#options.traject) return
    const cameraId = checkedCameraId(this.#options.cameraId(event.device, clientIp))
    const id = eventIdOf(event, cameraId)
    const built = eventMessages(event, { id, cameraId, nodeId: this.#options.nodeId }, this.#topics)
    if (event.category === 'traject') {
      // QoS 0, best effort: never holds the camera's reply.
      return publishBestEffort(this.#client, built.messages, this.#maxPacketSize, (sent) => {
        this.#counts.traject[sent ? 'published' : 'dropped']++
      })
    }
    const { record, messages, fresh } = this.#announcer.prelude(
      cameraId,
      clientIp,
      event.device,
      (camera) => categoryConfigs(camera, event.category, this.#context),
    )
    const images = built.messages.filter((message) => message.contentType === 'image/jpeg')
    const rest = built.messages.filter((message) => message.contentType !== 'image/jpeg')
    const { category } = event
    await trackingState(
      record,
      category,
      built.json,
      () => this.#deliver([[...messages, ...images], rest]),
      (state) =>
        this.#background(retained(this.#topics.state(cameraId, category), state, JSON_TYPE)),
    )
    this.#announcer.accepted(record, fresh)
    this.#counts.published++
  }

  async #onAlarmStatus(status: AlarmStatus, clientIp: string): Promise<void> {
    const cameraId = checkedCameraId(this.#options.cameraId(status.device, clientIp))
    const alarms = alarmStates(status)
    if (alarms.size === 0) return
    const { record, messages, fresh } = this.#announcer.prelude(
      cameraId,
      clientIp,
      status.device,
      (camera) => [...alarms.keys()].map((key) => alarmConfig(camera, key, this.#context)),
    )
    await this.#deliver([[...messages, ...alarmMessages(this.#topics, cameraId, alarms)]])
    this.#announcer.accepted(record, fresh)
    for (const [key, value] of alarms) record.alarms.set(key, value)
    this.#counts.alarmStatuses++
  }

  #onPresence(camera: CameraInfo, online: boolean): void {
    if (this.#announcer.cameras.idsOf(camera.clientIp).size === 0) {
      // An empty heartbeat names no device: wait for a post that does (its event announces it).
      if (camera.device === null) return
      const cameraId = checkedCameraId(this.#options.cameraId(camera.device, camera.clientIp))
      this.#announcer.camera(cameraId, camera.clientIp, camera.device)
    }
    const payload = online ? 'online' : 'offline'
    for (const cameraId of this.#announcer.cameras.setAvailability(camera.clientIp, payload)) {
      const topic = this.#topics.availability(cameraId)
      this.#background(retained(topic, Buffer.from(payload), 'text/plain'))
    }
  }

  /** Publishes without holding any post; a failure is reported (the next connect re-sends). */
  #background(message: OutgoingMessage): void {
    publishGated(this.#client, this.#gate, message, undefined, this.#stop.signal)
      .then((attempt) => attempt.done)
      .catch((error: Error) => {
        if (!this.#stop.signal.aborted) this.#report(error)
      })
  }

  /** After every connect and every Home Assistant birth (see `republishMessages`). */
  #republish(): void {
    if (this.#closing !== null) return
    const withBridge = this.#options.homeAssistant && this.#announcer.bridgeConfigSent
    for (const message of republishMessages(
      this.#announcer.cameras.all(),
      this.#context,
      withBridge,
    )) {
      this.#background(message)
    }
  }
}

/**
 * Creates a bridge from a `ViewtronServer` to an MQTT broker and starts connecting. Attach it
 * with `bridge.attach(server)`; stop it with `bridge.close()` after `server.shutdown()`.
 *
 * @example
 * ```ts
 * const server = new ViewtronServer({ port: 5050, images: 'memory' })
 * const bridge = createMqttBridge({ url: 'mqtt://localhost:1883', nodeId: 'gate', homeAssistant: true })
 * bridge.attach(server)
 * await server.listen()
 * ```
 */
export function createMqttBridge(options: MqttBridgeOptions): MqttBridge {
  return new MqttBridge(options)
}
