import type { IPublishPacket, MqttClient } from 'mqtt'

/**
 * Passed to the callback of mqtt.js's `handleMessage` hook instead of success: mqtt.js then
 * sends no PUBACK and goes on with the next packet at once. Holding the callback until the loop
 * took the message would stall every packet behind it (PINGRESP too), and a loop slower than
 * the keep-alive would lose the connection.
 */
export const DEFERRED = new Error('PUBACK deferred until the loop takes the message')

/** The part of mqtt.js's client that writes a packet on the current connection. */
interface PacketSender {
  _sendPacket(packet: { cmd: 'puback'; messageId: number; reasonCode: number }): void
}

/**
 * The PUBACK for one received QoS 1 message, to send later. It is sent only on the connection
 * the message came on: after a reconnect the packet id may name another message (a clean
 * session starts its ids again), and mqtt.js would even queue it while offline and send it on
 * the next connection. A resumed session gets the message again instead (dropped by `id`).
 */
export function deferredAck(client: MqttClient, packet: IPublishPacket): () => void {
  const connection = client.stream
  const messageId = packet.messageId
  let sent = false
  return () => {
    if (sent || messageId === undefined) return
    sent = true
    if (!client.connected || client.stream !== connection) return
    ;(client as unknown as PacketSender)._sendPacket({ cmd: 'puback', messageId, reasonCode: 0 })
  }
}
