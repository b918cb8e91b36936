import type { OutgoingMessage } from './event-messages.js'

/** A value as a JSON payload. */
export const jsonPayload = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

/** A retained QoS 1 message (status, availability, discovery, state, alarm). */
export function retained(
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
