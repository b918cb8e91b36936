/** What a Mosquitto debug log (`log_type debug` and `notice`) says about one client. */
export interface ClientTraffic {
  /** Connections the client made. */
  connections: number
  /** PUBACKs it sent for packet ids the broker had nothing in flight under. */
  strayAcks: number
}

export function clientTraffic(log: string, clientPrefix: string): ClientTraffic {
  let connections = 0
  let strayAcks = 0
  const inFlight = new Set<string>()
  for (const line of log.split('\n')) {
    if (line.includes('New client connected') && line.includes(` as ${clientPrefix}`)) {
      connections++
      // Packet ids are per connection (a resumed session's broker sends its messages again).
      inFlight.clear()
      continue
    }
    const sent = /Sending PUBLISH to (\S+) \(d\d, q1, r\d, m(\d+),/.exec(line)
    if (sent?.[1]?.startsWith(clientPrefix)) {
      inFlight.add(sent[2] as string)
      continue
    }
    const acked = /Received PUBACK from (\S+) \(Mid: (\d+)/.exec(line)
    if (acked?.[1]?.startsWith(clientPrefix)) {
      if (!inFlight.delete(acked[2] as string)) strayAcks++
    }
  }
  return { connections, strayAcks }
}
