import type { ViewtronEvent } from '@viewtron/core'
import { eventTypeOf } from './event-type.js'
import type { Topics } from './topics.js'

/** One MQTT message the bridge publishes. */
export interface OutgoingMessage {
  topic: string
  payload: Buffer
  retain: boolean
  qos: 0 | 1
  /** MIME type sent as the MQTT v5 `contentType` property. */
  contentType: string
  /** MQTT v5 user properties. */
  userProperties: Record<string, string>
}

/** The messages of one event, in publishing order: images, then `event`, then `state`. */
export interface EventMessages {
  messages: OutgoingMessage[]
  /** The event JSON, kept to re-publish the last `state` after a reconnect. */
  json: Buffer
  /** Payload bytes in all. */
  bytes: number
}

/** What the bridge adds to `event.toJSON()`. */
export interface EventIdentity {
  id: string
  cameraId: string
  nodeId: string
}

/**
 * Builds every message of an event: each image with bytes raw on its retained image topic, then
 * the event JSON (`toJSON()` plus `id`, `cameraId`, `nodeId`, `event_type` and each image's
 * topic) on the event topic and, retained, on the state topic. Traject goes only to its event
 * topic, at QoS 0, with no state.
 */
export function eventMessages(
  event: ViewtronEvent,
  identity: EventIdentity,
  topics: Topics,
): EventMessages {
  const { id, cameraId } = identity
  const userProperties = { eventId: id, cameraId, category: event.category }
  const messages: OutgoingMessage[] = []
  const body = event.toJSON()
  const imageTopics: (string | null)[] = []
  for (const image of event.images) {
    const bytes = image.bytes()
    if (bytes === null || bytes.length === 0) {
      imageTopics.push(null)
      continue
    }
    const topic = topics.image(cameraId, event.category, image.role)
    imageTopics.push(topic)
    messages.push({
      topic,
      payload: bytes,
      retain: true,
      qos: 1,
      contentType: 'image/jpeg',
      userProperties,
    })
  }
  const topicOf = (image: ViewtronEvent['sourceImage']): string | null => {
    const index = image === null ? -1 : event.images.indexOf(image)
    return index === -1 ? null : (imageTopics[index] ?? null)
  }
  const json = Buffer.from(
    JSON.stringify({
      ...body,
      ...identity,
      event_type: eventTypeOf(event),
      images: body.images.map((image, index) => ({ ...image, topic: imageTopics[index] ?? null })),
      sourceImage:
        body.sourceImage === null
          ? null
          : { ...(body.sourceImage as object), topic: topicOf(event.sourceImage) },
      targetImage:
        body.targetImage === null
          ? null
          : { ...(body.targetImage as object), topic: topicOf(event.targetImage) },
    }),
  )
  const traject = event.category === 'traject'
  const common = { payload: json, contentType: 'application/json', userProperties }
  messages.push({
    topic: topics.event(cameraId, event.category),
    retain: false,
    qos: traject ? 0 : 1,
    ...common,
  })
  if (!traject) {
    messages.push({
      topic: topics.state(cameraId, event.category),
      retain: true,
      qos: 1,
      ...common,
    })
  }
  let bytes = 0
  for (const message of messages) bytes += message.payload.length
  return { messages, json, bytes }
}
