import type { MqttClient } from 'mqtt'

/**
 * Disconnects cleanly when the broker is reachable: waits (up to `graceMs`) for what is in
 * flight, then sends DISCONNECT. Without a connection, or if the broker never answers, it
 * closes at once instead of waiting forever (mqtt.js's own clean end waits for every PUBACK).
 */
export async function endClient(client: MqttClient, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs
  const busy = (): boolean => Object.keys(client.outgoing).length > 0
  while (client.connected && busy() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await client.endAsync(!client.connected || busy())
}
