import { setMaxListeners } from 'node:events'
import {
  type AlarmStatus,
  type CameraInfo,
  RefusePost,
  type ViewtronEvent,
  type ViewtronHandlers,
} from '@viewtron/core'
import mqtt, { type MqttClient } from 'mqtt'
import {
  type MqttBridgeOptions,
  type ResolvedBridgeOptions,
  resolveBridgeOptions,
} from './bridge-options.js'
import { CameraDirectory, type CameraRecord } from './camera-directory.js'
import { checkedCameraId } from './camera-id.js'
import { clientOptions, connectUrl } from './connection-options.js'
import { endClient } from './end-client.js'
import { eventIdOf } from './event-id.js'
import { eventMessages, type OutgoingMessage } from './event-messages.js'
import {
  alarmConfig,
  bridgeConfig,
  categoryConfigs,
  type DiscoveryConfig,
  type DiscoveryContext,
} from './ha-discovery.js'
import { BudgetTimeout, PendingBudget } from './pending-budget.js'
import { PublishRefused, packetSize, publishOnce, publishUntilAcked } from './publish-message.js'
import { alarmKey, Topics } from './topics.js'
import { VERSION } from './version.js'

/**
 * The server callbacks the bridge provides: hand them to `server.use()` (what
 * {@link MqttBridge.attach} does) or spread them into the `ViewtronServer` options.
 */
export interface MqttBridgeHandlers {
  /** Publishes the event; resolves once the broker acknowledged every message of it. */
  onEvent: (event: ViewtronEvent, clientIp: string) => Promise<void>
  /** Publishes `ON` / `OFF` per alarm; resolves once acknowledged. */
  onAlarmStatus: (status: AlarmStatus, clientIp: string) => Promise<void>
  /** Publishes the camera's availability. */
  onPresence: (camera: CameraInfo, online: boolean) => void
}

/** Anything the bridge can attach to: a `ViewtronServer`. */
export interface HandlerHost {
  use(handlers: ViewtronHandlers): () => void
}

/** Counters of {@link MqttBridge.stats}. */
export interface MqttBridgeStats {
  nodeId: string
  /** Connected to the broker now. */
  connected: boolean
  /** Connections made after the first. */
  reconnects: number
  /** Events every message of which the broker acknowledged. */
  published: number
  /** Posts refused (`RefusePost`) because the broker did not take them in time or refused them. */
  refused: number
  /** Traject events published at QoS 0, and those dropped while disconnected. */
  traject: { published: number; dropped: number }
  /** Alarm-status posts published. */
  alarmStatuses: number
  /** Events waiting for PUBACKs now, and their bytes. */
  pendingEvents: number
  pendingBytes: number
  /** Cameras seen. */
  cameras: number
  /** Failures reported to `onError`. */
  errors: number
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

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
  readonly #cameras = new CameraDirectory()
  readonly #ready: Promise<void>
  #closing: Promise<void> | null = null
  /** Aborted by close(): posts still waiting for the broker are refused at once. */
  readonly #stop = new AbortController()
  #connects = 0
  /** The broker's `maximumPacketSize` (MQTT v5 CONNACK), if it announced one. */
  #maxPacketSize: number | undefined
  #bridgeConfigSent = false
  readonly #counts = {
    published: 0,
    refused: 0,
    trajectPublished: 0,
    trajectDropped: 0,
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
    // Every message waiting for its PUBACK listens on the stop signal: many at once is normal.
    setMaxListeners(0, this.#stop.signal)
    this.handlers = {
      onEvent: (event, clientIp) => this.#refusing(this.#onEvent(event, clientIp)),
      onAlarmStatus: (status, clientIp) => this.#refusing(this.#onAlarmStatus(status, clientIp)),
      onPresence: (camera, online) => this.#onPresence(camera, online),
    }
    const status = this.#topics.bridgeStatus(resolved.nodeId)
    this.#client = mqtt.connect(connectUrl(resolved.connection), {
      ...clientOptions(resolved.connection),
      clientId: `viewtron-bridge-${resolved.nodeId}`,
      clean: true,
      // A QoS 0 traject message while offline is dropped, not queued without bound.
      queueQoSZero: false,
      will: { topic: status, payload: Buffer.from('offline'), qos: 1, retain: true },
    })
    let markReady: () => void = () => undefined
    this.#ready = new Promise((resolve) => {
      markReady = resolve
    })
    this.#client.on('connect', (connack) => {
      this.#connects++
      this.#maxPacketSize = connack.properties?.maximumPacketSize
      markReady()
      this.#republish()
    })
    this.#client.on('error', (error) => this.#report(error))
    this.#client.on('message', (topic, payload) => {
      if (topic === `${resolved.discoveryPrefix}/status` && payload.toString() === 'online') {
        // Home Assistant restarted: it forgets non-retained discovery; answer after a short
        // random delay, as its documentation asks.
        const delay = Math.floor(Math.random() * resolved.discoveryDelayMs)
        setTimeout(() => this.#republish(), delay).unref()
      }
    })
    if (resolved.homeAssistant) {
      // mqtt.js subscribes again after every reconnect.
      this.#client.subscribe(`${resolved.discoveryPrefix}/status`, { qos: 1 }, (error) => {
        if (error) this.#report(error)
      })
    }
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
      published: this.#counts.published,
      refused: this.#counts.refused,
      traject: { published: this.#counts.trajectPublished, dropped: this.#counts.trajectDropped },
      alarmStatuses: this.#counts.alarmStatuses,
      pendingEvents: this.#budget.events,
      pendingBytes: this.#budget.bytes,
      cameras: this.#cameras.size,
      errors: this.#counts.errors,
    }
  }

  /**
   * Publishes `offline` on the bridge status topic and disconnects. Posts still waiting for the
   * broker, and any arriving afterwards, are refused (`503`), never acknowledged. Shut the server
   * down first so that posts already on their way are delivered.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#stop.abort()
      if (this.#client.connected) {
        const status = this.#topics.bridgeStatus(this.#options.nodeId)
        await publishUntilAcked(
          this.#client,
          retained(status, Buffer.from('offline'), 'text/plain'),
          Date.now() + Math.min(2000, this.#options.brokerTimeoutMs),
          new AbortController().signal,
          () => undefined,
        ).catch(() => undefined)
      }
      await endClient(this.#client, Math.min(2000, this.#options.brokerTimeoutMs))
    })()
    return this.#closing
  }

  #tooLarge(message: OutgoingMessage): boolean {
    const max = this.#maxPacketSize
    return max !== undefined && packetSize(this.#client, message) > max
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
      this.#report(error instanceof Error ? error : new Error(String(error)))
      throw this.#refusal('the MQTT bridge could not publish the event')
    }
  }

  #refusal(reason: string): RefusePost {
    this.#counts.refused++
    return new RefusePost(reason, { retryAfterSeconds: this.#options.retryAfterSeconds })
  }

  /**
   * Publishes `messages` in order and waits for every PUBACK, within the broker timeout and the
   * pending limits; throws `RefusePost` otherwise. The memory stays counted until mqtt.js lets
   * go of every message, even after a refusal.
   */
  async #deliver(messages: OutgoingMessage[]): Promise<void> {
    if (this.#closing !== null) throw this.#refusal('the MQTT bridge is closing')
    const tooLarge = messages.find((message) => this.#tooLarge(message))
    if (tooLarge !== undefined) {
      // Published, it would make the broker drop the connection, and mqtt.js would send it
      // again after every reconnect.
      this.#report(
        new Error(
          `${tooLarge.topic} is larger than the broker's maximum packet size (${this.#maxPacketSize} bytes)`,
        ),
      )
      throw this.#refusal('an MQTT message of the event is larger than the broker accepts')
    }
    const deadline = Date.now() + this.#options.brokerTimeoutMs
    let bytes = 0
    for (const message of messages) bytes += message.payload.length
    let release: () => void
    try {
      release = await this.#budget.acquire(bytes, deadline)
    } catch (error) {
      if (error instanceof BudgetTimeout) throw this.#refusal('MQTT bridge backlog is full')
      throw error
    }
    const attempts: Promise<unknown>[] = []
    const runs = messages.map((message) =>
      publishUntilAcked(this.#client, message, deadline, this.#stop.signal, (attempt) => {
        attempts.push(attempt)
      }),
    )
    const results = await Promise.allSettled(runs)
    void Promise.allSettled(attempts).then(release)
    const failed = results.find((result) => result.status === 'rejected')
    if (failed !== undefined) {
      const reason = (failed as PromiseRejectedResult).reason
      throw this.#refusal(
        reason instanceof PublishRefused
          ? `MQTT broker refused the event (reason code ${reason.reasonCode})`
          : 'MQTT broker did not acknowledge the event in time',
      )
    }
  }

  /** The camera's record, with its availability and any missing discovery configs to send. */
  #prelude(
    cameraId: string,
    clientIp: string,
    device: ViewtronEvent['device'],
    configVersion: string,
    configs: (record: CameraRecord) => DiscoveryConfig[],
  ): { record: CameraRecord; messages: OutgoingMessage[]; fresh: DiscoveryConfig[] } {
    const record = this.#cameras.note(cameraId, clientIp, device, configVersion)
    const messages: OutgoingMessage[] = []
    if (!record.announced) {
      messages.push(
        retained(this.#topics.availability(cameraId), Buffer.from('online'), 'text/plain'),
      )
    }
    const fresh: DiscoveryConfig[] = []
    if (this.#options.homeAssistant) {
      if (!this.#bridgeConfigSent) {
        const bridge = bridgeConfig(this.#context)
        messages.push(retained(bridge.topic, json(bridge.payload), 'application/json'))
      }
      for (const config of configs(record)) {
        if (record.discovery.has(config.topic)) continue
        fresh.push(config)
        messages.push(retained(config.topic, json(config.payload), 'application/json'))
      }
    }
    return { record, messages, fresh }
  }

  async #onEvent(event: ViewtronEvent, clientIp: string): Promise<void> {
    if (event.category === 'traject' && !this.#options.traject) return
    const cameraId = checkedCameraId(this.#options.cameraId(event.device, clientIp))
    const id = eventIdOf(event, cameraId)
    const built = eventMessages(event, { id, cameraId, nodeId: this.#options.nodeId }, this.#topics)
    if (event.category === 'traject') {
      // QoS 0, best effort: never holds the camera's reply.
      for (const message of built.messages) {
        if (this.#tooLarge(message)) {
          this.#counts.trajectDropped++
          continue
        }
        publishOnce(this.#client, message).done.then(
          () => this.#counts.trajectPublished++,
          () => this.#counts.trajectDropped++,
        )
      }
      return
    }
    const { record, messages, fresh } = this.#prelude(
      cameraId,
      clientIp,
      event.device,
      event.configVersion,
      (camera) => categoryConfigs(camera, event.category, this.#context),
    )
    await this.#deliver([...messages, ...built.messages])
    this.#accepted(record, fresh)
    record.states.set(event.category, built.json)
    this.#counts.published++
  }

  async #onAlarmStatus(status: AlarmStatus, clientIp: string): Promise<void> {
    const cameraId = checkedCameraId(this.#options.cameraId(status.device, clientIp))
    const alarms = new Map<string, 'ON' | 'OFF'>()
    for (const alarm of status.alarms) {
      if (alarm.active !== null) alarms.set(alarmKey(alarm.name), alarm.active ? 'ON' : 'OFF')
    }
    if (alarms.size === 0) return
    const { record, messages, fresh } = this.#prelude(
      cameraId,
      clientIp,
      status.device,
      status.configVersion,
      (camera) => [...alarms.keys()].map((key) => alarmConfig(camera, key, this.#context)),
    )
    for (const [key, value] of alarms) {
      messages.push(
        retained(this.#topics.alarm(cameraId, key), Buffer.from(value), 'text/plain', cameraId),
      )
    }
    await this.#deliver(messages)
    this.#accepted(record, fresh)
    for (const [key, value] of alarms) record.alarms.set(key, value)
    this.#counts.alarmStatuses++
  }

  /** Remembers what the broker acknowledged, to publish again after a reconnect. */
  #accepted(record: CameraRecord, fresh: DiscoveryConfig[]): void {
    record.announced = true
    if (this.#options.homeAssistant) this.#bridgeConfigSent = true
    for (const config of fresh) record.discovery.set(config.topic, config)
  }

  #onPresence(camera: CameraInfo, online: boolean): void {
    let ids = this.#cameras.idsOf(camera.clientIp)
    // An empty heartbeat names no device: wait for a post that does (its event announces it).
    if (ids.size === 0 && camera.device === null) return
    if (ids.size === 0) {
      const cameraId = checkedCameraId(this.#options.cameraId(camera.device, camera.clientIp))
      this.#cameras.note(cameraId, camera.clientIp, camera.device, '')
      ids = this.#cameras.idsOf(camera.clientIp)
    }
    const payload = online ? 'online' : 'offline'
    for (const cameraId of ids) {
      const record = this.#cameras.get(cameraId)
      if (record !== undefined) {
        record.availability = payload
        record.announced = true
      }
      this.#background(
        retained(this.#topics.availability(cameraId), Buffer.from(payload), 'text/plain'),
      )
    }
  }

  /** Publishes without holding any post; a failure is reported (the next connect re-sends). */
  #background(message: OutgoingMessage): void {
    publishOnce(this.#client, message).done.catch((error: Error) => this.#report(error))
  }

  /**
   * After every connect and every Home Assistant birth: the bridge status, and per camera its
   * availability, discovery configs, last `state` per category and alarm states.
   */
  #republish(): void {
    if (this.#closing !== null) return
    const status = this.#topics.bridgeStatus(this.#options.nodeId)
    this.#background(retained(status, Buffer.from('online'), 'text/plain'))
    if (this.#options.homeAssistant && this.#bridgeConfigSent) {
      const bridge = bridgeConfig(this.#context)
      this.#background(retained(bridge.topic, json(bridge.payload), 'application/json'))
    }
    for (const record of this.#cameras.all()) {
      const { cameraId } = record
      this.#background(
        retained(
          this.#topics.availability(cameraId),
          Buffer.from(record.availability),
          'text/plain',
        ),
      )
      for (const config of record.discovery.values()) {
        this.#background(retained(config.topic, json(config.payload), 'application/json'))
      }
      for (const [category, state] of record.states) {
        this.#background(
          retained(this.#topics.state(cameraId, category), state, 'application/json'),
        )
      }
      for (const [key, value] of record.alarms) {
        this.#background(
          retained(this.#topics.alarm(cameraId, key), Buffer.from(value), 'text/plain', cameraId),
        )
      }
    }
  }
}

/** A retained QoS 1 message (status, availability, discovery, state, alarm). */
function retained(
  topic: string,
  payload: Buffer,
  contentType: string,
  cameraId?: string,
): OutgoingMessage {
  return {
    topic,
    payload,
    retain: true,
    qos: 1,
    contentType,
    userProperties: cameraId === undefined ? {} : { cameraId },
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
