import { connect, createServer, type Server, type Socket } from 'node:net'

/** A TCP proxy in front of a broker that counts unacknowledged QoS 1 publishes on the wire. */
export interface MqttProxy {
  readonly url: string
  /** The most QoS 1/2 PUBLISH packets the client had sent without a PUBACK at once. */
  maxOutstanding(): number
  /**
   * The most QoS 1 PUBLISH packets whose topic contains `topicPart` the broker had sent the
   * client without a PUBACK at once.
   */
  maxDelivered(topicPart: string): number
  /** Connections the client made. */
  connections(): number
  close(): Promise<void>
}

/** Unacknowledged publishes in one direction, and the most at once. */
class Window {
  open = 0
  most = 0
  sent(): void {
    this.most = Math.max(this.most, ++this.open)
  }
  acked(): void {
    this.open--
  }
}

/** Unacknowledged publishes by packet id, per topic part asked about. */
class TopicWindows {
  readonly #open = new Map<number, string>()
  readonly #most = new Map<string, number>()
  constructor(readonly parts: string[] = ['/event']) {}
  sent(id: number, topic: string): void {
    this.#open.set(id, topic)
    for (const part of this.parts) {
      const open = [...this.#open.values()].filter((t) => t.includes(part)).length
      this.#most.set(part, Math.max(this.#most.get(part) ?? 0, open))
    }
  }
  acked(id: number): void {
    this.#open.delete(id)
  }
  clear(): void {
    this.#open.clear()
  }
  most(part: string): number {
    return this.#most.get(part) ?? 0
  }
}

/** Calls `onPacket` with the type, flags and body of every MQTT packet in a byte stream. */
function packetReader(
  onPacket: (type: number, flags: number, body: Buffer) => void,
): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0)
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk])
    for (;;) {
      if (buffered.length < 2) return
      let length = 0
      let multiplier = 1
      let offset = 1
      for (;;) {
        if (offset >= buffered.length) return
        const byte = buffered[offset] as number
        length += (byte & 0x7f) * multiplier
        multiplier *= 128
        offset++
        if ((byte & 0x80) === 0) break
      }
      if (buffered.length < offset + length) return
      const first = buffered[0] as number
      onPacket(first >> 4, first & 0x0f, buffered.subarray(offset, offset + length))
      buffered = buffered.subarray(offset + length)
    }
  }
}

export async function startProxy(brokerPort: number, topicParts?: string[]): Promise<MqttProxy> {
  const up = new Window()
  const down = new TopicWindows(topicParts)
  let connections = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect({ port: brokerPort, host: '127.0.0.1' })
    connections++
    sockets.add(client).add(upstream)
    // PUBLISH (3) with QoS 1 or 2 opens a place; PUBACK (4) from the other side closes it.
    const fromClient = packetReader((type, flags, body) => {
      if (type === 3 && ((flags >> 1) & 3) > 0) up.sent()
      if (type === 4) down.acked(body.readUInt16BE(0))
    })
    const fromBroker = packetReader((type, flags, body) => {
      if (type === 3 && ((flags >> 1) & 3) > 0) {
        const length = body.readUInt16BE(0)
        down.sent(body.readUInt16BE(2 + length), body.subarray(2, 2 + length).toString())
      }
      if (type === 4) up.acked()
    })
    client.on('data', (chunk: Buffer) => {
      fromClient(chunk)
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      fromBroker(chunk)
      client.write(chunk)
    })
    const end = (): void => {
      // What was in flight on this connection is gone with it.
      up.open = 0
      down.clear()
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    maxOutstanding: () => up.most,
    maxDelivered: (topicPart) => down.most(topicPart),
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
