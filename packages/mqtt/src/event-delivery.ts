import type { MqttClient } from 'mqtt'
import type { OutgoingMessage } from './event-messages.js'
import type { InflightGate } from './inflight-gate.js'
import { BudgetTimeout, type PendingBudget } from './pending-budget.js'
import { PublishRefused, packetSize, publishOnce, publishUntilAcked } from './publish-message.js'

/** Why a delivery did not reach the broker; the bridge refuses the post with it. */
export class DeliveryFailed extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'DeliveryFailed'
  }
}

/** What a delivery needs of the bridge. */
export interface DeliveryContext {
  client: MqttClient
  gate: InflightGate
  budget: PendingBudget
  /** Aborted when the bridge closes: waiting deliveries fail at once. */
  stop: AbortSignal
  brokerTimeoutMs: number
  /** The broker's maximum packet size (MQTT v5 CONNACK), if it announced one. */
  maxPacketSize: number | undefined
  /** Told about a message too large for the broker (the post is refused). */
  report: (error: Error) => void
}

/** True when the broker announced a maximum packet size and `message` exceeds it. */
export function tooLarge(
  client: MqttClient,
  message: OutgoingMessage,
  maxPacketSize: number | undefined,
): boolean {
  return maxPacketSize !== undefined && packetSize(client, message) > maxPacketSize
}

/**
 * Publishes QoS 0 messages once, best effort (never holding a reply); counts what went out
 * and what was dropped (too large, or no connection).
 */
export function publishBestEffort(
  client: MqttClient,
  messages: OutgoingMessage[],
  maxPacketSize: number | undefined,
  count: (published: boolean) => void,
): void {
  for (const message of messages) {
    if (tooLarge(client, message, maxPacketSize)) count(false)
    else
      publishOnce(client, message).done.then(
        () => count(true),
        () => count(false),
      )
  }
}

/**
 * Publishes the stages of one post in order, each stage's messages at once, the next stage
 * only once the broker acknowledged every message of the previous one: the images are on the
 * broker before the event that names them, even when a message had to be sent again after a
 * reconnect. Bounded by the pending budget and the broker timeout; throws
 * {@link DeliveryFailed} otherwise. The memory stays counted until mqtt.js lets go of every
 * message, even after a failure.
 */
export async function deliver(
  stages: OutgoingMessage[][],
  context: DeliveryContext,
): Promise<void> {
  const { budget, stop, client, maxPacketSize } = context
  if (stop.aborted) throw new DeliveryFailed('the MQTT bridge is closing')
  const large = stages.flat().find((message) => tooLarge(client, message, maxPacketSize))
  if (large !== undefined) {
    // Published, it would make the broker drop the connection, and mqtt.js would send it
    // again after every reconnect.
    context.report(
      new Error(
        `${large.topic} is larger than the broker's maximum packet size (${maxPacketSize} bytes)`,
      ),
    )
    throw new DeliveryFailed('an MQTT message of the event is larger than the broker accepts')
  }
  const deadline = Date.now() + context.brokerTimeoutMs
  let bytes = 0
  for (const stage of stages) for (const message of stage) bytes += message.payload.length
  let release: () => void
  try {
    release = await budget.acquire(bytes, deadline, stop)
  } catch (error) {
    if (error instanceof BudgetTimeout) {
      throw new DeliveryFailed(
        stop.aborted ? 'the MQTT bridge is closing' : 'MQTT bridge backlog is full',
      )
    }
    throw error
  }
  const attempts: Promise<unknown>[] = []
  const track = (attempt: Promise<unknown>): void => {
    attempts.push(attempt)
  }
  try {
    for (const stage of stages) {
      if (stage.length === 0) continue
      const results = await Promise.allSettled(
        stage.map((message) =>
          publishUntilAcked(client, context.gate, message, deadline, stop, track),
        ),
      )
      const failed = results.find((result) => result.status === 'rejected')
      if (failed !== undefined) {
        const reason = (failed as PromiseRejectedResult).reason
        throw new DeliveryFailed(
          reason instanceof PublishRefused
            ? `MQTT broker refused the event (reason code ${reason.reasonCode})`
            : 'MQTT broker did not acknowledge the event in time',
        )
      }
    }
  } finally {
    void Promise.allSettled(attempts).then(release)
  }
}
