/**
 * Reads a Mosquitto debug log (`log_type debug`) for what it sent one client and what that
 * client acknowledged.
 */
export interface ClientTraffic {
  /** Connections the client made. */
  connections: number
  /** The most messages on `topicPart` topics sent to it and not yet acknowledged at once. */
  maxUnacked: number
  /** PUBACKs it sent for packet ids that had nothing in flight. */
  strayAcks: number
}

/**
 * Mosquitto logs a PUBACK after handling it, so the messages the PUBACK freed room for are
 * logged just before it: a run of "Sending PUBLISH" lines is counted once the next line tells
 * whether such a PUBACK came with it.
 */
export function clientTraffic(log: string, clientPrefix: string, topicPart: string): ClientTraffic {
  let connections = 0
  let maxUnacked = 0
  let strayAcks = 0
  const unacked = new Set<string>()
  const inFlight = new Set<string>()
  for (const line of log.split('\n')) {
    const sent = /Sending PUBLISH to (\S+) \(d\d, q1, r\d, m(\d+), '([^']*)'/.exec(line)
    if (sent !== null && sent[1]?.startsWith(clientPrefix)) {
      inFlight.add(sent[2] as string)
      if (sent[3]?.includes(topicPart)) unacked.add(sent[2] as string)
      continue
    }
    const acked = /Received PUBACK from (\S+) \(Mid: (\d+)/.exec(line)
    if (acked !== null && acked[1]?.startsWith(clientPrefix)) {
      const mid = acked[2] as string
      if (!inFlight.has(mid)) strayAcks++
      inFlight.delete(mid)
      unacked.delete(mid)
    }
    maxUnacked = Math.max(maxUnacked, unacked.size)
    if (line.includes('New client connected') && line.includes(` as ${clientPrefix}`)) {
      connections++
      // Packet ids start again on a new connection.
      inFlight.clear()
      unacked.clear()
    }
  }
  return { connections, maxUnacked: Math.max(maxUnacked, unacked.size), strayAcks }
}
