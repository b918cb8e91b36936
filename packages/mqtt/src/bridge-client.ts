import mqtt, { type MqttClient } from 'mqtt'
import type { ResolvedBridgeOptions } from './bridge-options.js'
import { clientOptions, connectUrl } from './connection-options.js'
import { endClient } from './end-client.js'
import type { InflightGate } from './inflight-gate.js'
import { publishUntilAcked } from './publish-message.js'
import { retained } from './retained-message.js'
import type { Topics } from './topics.js'

/** What the bridge does on the broker connection's events. */
export interface BridgeClientEvents {
  /** CONNACK came, before mqtt.js sends its stored messages again: the broker's limits. */
  limits(receiveMaximum: number, maximumPacketSize: number | undefined): void
  /** Connected (again), stored messages sent. */
  connected(): void
  /** Home Assistant's birth message, after a short random delay. */
  homeAssistantOnline(): void
  error(error: Error): void
}

/**
 * The bridge's MQTT client: a clean session under `viewtron-bridge-<nodeId>` with the bridge
 * status as last will, subscribed to Home Assistant's status topic when discovery is on
 * (mqtt.js subscribes again after every reconnect).
 */
export function bridgeClient(
  options: ResolvedBridgeOptions,
  topics: Topics,
  on: BridgeClientEvents,
): MqttClient {
  const status = topics.bridgeStatus(options.nodeId)
  const client = mqtt.connect(connectUrl(options.connection), {
    ...clientOptions(options.connection),
    clientId: `viewtron-bridge-${options.nodeId}`,
    clean: true,
    // A QoS 0 traject message while offline is dropped, not queued without bound.
    queueQoSZero: false,
    will: { topic: status, payload: Buffer.from('offline'), qos: 1, retain: true },
  })
  client.on('packetreceive', (packet) => {
    if (packet.cmd !== 'connack') return
    on.limits(packet.properties?.receiveMaximum ?? 65_535, packet.properties?.maximumPacketSize)
  })
  client.on('connect', () => on.connected())
  client.on('error', (error) => on.error(error))
  const birth = `${options.discoveryPrefix}/status`
  client.on('message', (topic, payload) => {
    if (topic === birth && payload.toString() === 'online') {
      // Home Assistant restarted: it forgets non-retained discovery; answer after a short
      // random delay, as its documentation asks.
      const delay = Math.floor(Math.random() * options.discoveryDelayMs)
      setTimeout(() => on.homeAssistantOnline(), delay).unref()
    }
  })
  if (options.homeAssistant) {
    client.subscribe(birth, { qos: 1 }, (error) => {
      if (error) on.error(error)
    })
  }
  return client
}

/**
 * Publishes `offline` on the bridge status topic (when connected) and disconnects, within
 * about twice `graceMs` whatever the broker does.
 */
export async function closeBridgeClient(
  client: MqttClient,
  gate: InflightGate,
  statusTopic: string,
  graceMs: number,
): Promise<void> {
  if (client.connected) {
    await publishUntilAcked(
      client,
      gate,
      retained(statusTopic, Buffer.from('offline'), 'text/plain'),
      Date.now() + graceMs,
      new AbortController().signal,
      () => undefined,
    ).catch(() => undefined)
  }
  await endClient(client, graceMs)
}
