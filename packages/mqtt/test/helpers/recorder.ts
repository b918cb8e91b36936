import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'

/** One message as a subscriber received it. */
export interface Received {
  topic: string
  payload: Buffer
  /** The publisher's retain flag (subscribed with retain-as-published). */
  retain: boolean
  qos: number
  contentType: string | undefined
  userProperties: Record<string, string>
}

/** A plain MQTT v5 subscriber that keeps every message it receives. */
export interface Recorder {
  readonly client: MqttClient
  readonly messages: Received[]
  /** Resolves once a message matching `test` is there (already or later). */
  waitFor(test: (message: Received) => boolean, timeoutMs?: number): Promise<Received>
  close(): Promise<void>
}

export async function record(
  url: string,
  filters: string | string[] = '#',
  options: IClientOptions = {},
): Promise<Recorder> {
  const client = mqtt.connect(url, { protocolVersion: 5, reconnectPeriod: 200, ...options })
  const messages: Received[] = []
  const waiters = new Set<() => void>()
  client.on('message', (topic, payload, packet) => {
    const raw = packet.properties?.userProperties ?? {}
    const userProperties: Record<string, string> = {}
    for (const [key, value] of Object.entries(raw)) {
      userProperties[key] = Array.isArray(value) ? String(value[0]) : String(value)
    }
    messages.push({
      topic,
      payload,
      retain: packet.retain,
      qos: packet.qos,
      contentType: packet.properties?.contentType,
      userProperties,
    })
    for (const waiter of waiters) waiter()
  })
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', reject)
  })
  const list = Array.isArray(filters) ? filters : [filters]
  await client.subscribeAsync(
    Object.fromEntries(list.map((filter) => [filter, { qos: 1 as const, rap: true }])),
  )
  return {
    client,
    messages,
    waitFor(test, timeoutMs = 20_000) {
      const found = messages.find(test)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error('timed out waiting for an MQTT message'))
        }, timeoutMs)
        const check = (): void => {
          const match = messages.find(test)
          if (match === undefined) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(match)
        }
        waiters.add(check)
      })
    },
    async close() {
      await client.endAsync(true)
    },
  }
}
