import type { CameraRecord } from './camera-directory.js'
import type { OutgoingMessage } from './event-messages.js'
import { bridgeConfig, type DiscoveryConfig, type DiscoveryContext } from './ha-discovery.js'
import { jsonPayload, retained } from './retained-message.js'

/** What a camera's post must publish before its own messages. */
export interface Announcement {
  messages: OutgoingMessage[]
  /** Discovery configs among them, to remember once the broker acknowledged them. */
  fresh: DiscoveryConfig[]
}

/**
 * The camera's availability (until the broker acknowledged one), the bridge's discovery config
 * (until sent once) and the camera's discovery configs not sent yet.
 */
export function announcement(
  record: CameraRecord,
  configs: DiscoveryConfig[] | null,
  bridgeConfigSent: boolean,
  context: DiscoveryContext,
): Announcement {
  const messages: OutgoingMessage[] = []
  if (!record.announced) {
    messages.push(
      retained(context.topics.availability(record.cameraId), Buffer.from('online'), 'text/plain'),
    )
  }
  const fresh: DiscoveryConfig[] = []
  if (configs !== null) {
    if (!bridgeConfigSent) {
      const bridge = bridgeConfig(context)
      messages.push(retained(bridge.topic, jsonPayload(bridge.payload), 'application/json'))
    }
    for (const config of configs) {
      if (record.discovery.has(config.topic)) continue
      fresh.push(config)
      messages.push(retained(config.topic, jsonPayload(config.payload), 'application/json'))
    }
  }
  return { messages, fresh }
}
