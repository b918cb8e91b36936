import { setTimeout as sleep } from 'node:timers/promises'
import { ipcLprPost } from '@viewtron/fixtures'
import { afterEach, expect, it } from 'vitest'
import { createMqttBridge, type MqttBridge, type MqttEvent, subscribeEvents } from '../src/index.js'
import { clientTraffic } from './helpers/broker-log.js'
import { eventOf, GATE } from './helpers/events.js'
import { type Broker, removeBroker, startBroker } from './helpers/mosquitto.js'

let broker: Broker | null = null
let bridge: MqttBridge | null = null

afterEach(async () => {
  await bridge?.close()
  if (broker !== null) await removeBroker(broker)
  broker = null
  bridge = null
})

async function publish(plates: string[]): Promise<void> {
  for (const plate of plates) {
    await bridge?.handlers.onEvent(
      eventOf(ipcLprPost({ header: 'capture', device: GATE, plate, images: 'small' })),
      '10.0.0.5',
    )
  }
}

for (const persistent of [true, false]) {
  it(`events held unacknowledged across a reconnect are neither acknowledged with a stale packet id nor lost (${persistent ? 'persistent' : 'clean'} session)`, async () => {
    broker = await startBroker(['log_type notice', 'log_type debug'])
    bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a', reconnectPeriod: 200 })
    await bridge.ready()
    const events = subscribeEvents({
      url: broker.url,
      maxInFlight: 3,
      reconnectPeriod: 200,
      signal: AbortSignal.timeout(40_000),
      ...(persistent ? { clientId: 'viewtron-consumer-held' } : {}),
    })
    await sleep(500)
    await publish(['HELD0', 'HELD1', 'HELD2'])
    const taken: string[] = []
    const take = async (): Promise<void> => {
      const event = (await events.next()).value as MqttEvent
      if (event.category === 'lpr') taken.push(event.plateNumber)
    }
    await take()
    // HELD1 and HELD2 wait in the consumer, unacknowledged, while the connection goes away
    // (Mosquitto saves the persistent session as it stops).
    await sleep(300)
    await broker.stop('SIGTERM')
    await broker.start()
    await bridge.ready()
    while (!bridge.stats().connected) await sleep(50)
    await sleep(1000)
    await publish(['AFTER0', 'AFTER1'])
    while (taken.length < 5) await take()
    await events.return?.()
    // Each once, in order; a persistent session's broker sent the held ones again (dropped by id).
    expect(taken).toEqual(['HELD0', 'HELD1', 'HELD2', 'AFTER0', 'AFTER1'])
    const traffic = clientTraffic(broker.log(), 'viewtron-consumer-')
    expect(traffic.connections).toBe(2)
    expect(traffic.strayAcks).toBe(0)
  }, 60_000)
}
