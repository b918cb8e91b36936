import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import { type MqttEvent, subscribeEvents } from '../src/index.js'
import { clientTraffic } from './helpers/broker-log.js'
import { aBridge, aBroker, cleanUp, publishPlates } from './helpers/rig.js'

afterEach(cleanUp)

for (const persistent of [true, false]) {
  it(`events held unacknowledged across a reconnect are neither acknowledged with a stale packet id nor lost (${persistent ? 'persistent' : 'clean'} session)`, async () => {
    const broker = await aBroker(['log_type notice', 'log_type debug'])
    const bridge = await aBridge(broker.url, { reconnectPeriod: 200 })
    const events = subscribeEvents({
      url: broker.url,
      maxInFlight: 3,
      reconnectPeriod: 200,
      signal: AbortSignal.timeout(40_000),
      ...(persistent ? { clientId: 'viewtron-consumer-held' } : {}),
    })
    await sleep(500)
    await publishPlates(bridge, ['HELD0', 'HELD1', 'HELD2'])
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
    await publishPlates(bridge, ['AFTER0', 'AFTER1'])
    while (taken.length < 5) await take()
    await events.return?.()
    // Each once, in order; a persistent session's broker sent the held ones again (dropped by id).
    expect(taken).toEqual(['HELD0', 'HELD1', 'HELD2', 'AFTER0', 'AFTER1'])
    const traffic = clientTraffic(broker.log(), 'viewtron-consumer-')
    expect(traffic.connections).toBe(2)
    expect(traffic.strayAcks).toBe(0)
  }, 60_000)
}
