import { alarmMessages } from './alarm-messages.js'
import type { CameraRecord } from './camera-directory.js'
import type { OutgoingMessage } from './event-messages.js'
import { bridgeConfig, type DiscoveryContext } from './ha-discovery.js'
import { jsonPayload, retained } from './retained-message.js'

/** The discovery configs of one camera, as messages. */
export function discoveryMessages(record: CameraRecord): OutgoingMessage[] {
  return [...record.discovery.values()].map((config) =>
    retained(config.topic, jsonPayload(config.payload), 'application/json'),
  )
}

/**
 * What the bridge publishes again after every connect and every Home Assistant birth: its
 * status, and per camera its availability, discovery configs, last `state` per category and
 * alarm states. A category with a delivery in flight is left out (and noted in
 * `unsentStates`): that delivery carries a newer state, and mqtt.js may already have sent it
 * again from its store, so the older one must not follow it.
 */
export function republishMessages(
  cameras: Iterable<CameraRecord>,
  context: DiscoveryContext,
  withBridgeConfig: boolean,
): OutgoingMessage[] {
  const { topics } = context
  const messages = [
    retained(topics.bridgeStatus(context.nodeId), Buffer.from('online'), 'text/plain'),
  ]
  if (withBridgeConfig) {
    const bridge = bridgeConfig(context)
    messages.push(retained(bridge.topic, jsonPayload(bridge.payload), 'application/json'))
  }
  for (const record of cameras) {
    const { cameraId } = record
    messages.push(
      retained(topics.availability(cameraId), Buffer.from(record.availability), 'text/plain'),
      ...discoveryMessages(record),
    )
    for (const [category, state] of record.states) {
      if ((record.delivering.get(category) ?? 0) > 0) {
        record.unsentStates.add(category)
        continue
      }
      messages.push(retained(topics.state(cameraId, category), state, 'application/json'))
    }
    messages.push(...alarmMessages(topics, cameraId, record.alarms))
  }
  return messages
}
