import { ViewtronServer } from '@viewtron/core'
import { type IpcDevice, ipcLprPost } from '@viewtron/fixtures'
import type { IClientOptions } from 'mqtt'
import { createMqttBridge, type MqttBridge, type MqttBridgeOptions } from '../../src/index.js'
import { eventOf, GATE } from './events.js'
import { type Broker, removeBroker, startBroker } from './mosquitto.js'
import { type Recorder, record } from './recorder.js'

/**
 * Test resources that {@link cleanUp} (in `afterEach`) ends, newest first: servers shut down
 * before their bridges close, bridges before their brokers go.
 */
const cleanups: (() => Promise<unknown>)[] = []

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

/** A fresh Mosquitto (see `startBroker`), removed by {@link cleanUp}. */
export async function aBroker(extra: string[] = []): Promise<Broker> {
  const broker = await startBroker(extra)
  cleanups.push(() => removeBroker(broker))
  return broker
}

/** A bridge to `url` under node id `node-a` unless told otherwise, connected; closed by {@link cleanUp}. */
export async function aBridge(
  url: string,
  options: Partial<MqttBridgeOptions> = {},
): Promise<MqttBridge> {
  const bridge = createMqttBridge({ url, nodeId: 'node-a', ...options })
  cleanups.push(() => bridge.close())
  await bridge.ready()
  return bridge
}

/** A `ViewtronServer` on a free port (images in memory) with a bridge attached. */
export async function aBridgedServer(
  url: string,
  options: Partial<MqttBridgeOptions> = {},
  serverOptions: ConstructorParameters<typeof ViewtronServer>[0] = {},
): Promise<{ server: ViewtronServer; bridge: MqttBridge; url: string }> {
  const bridge = await aBridge(url, options)
  const server = new ViewtronServer({
    port: 0,
    host: '127.0.0.1',
    images: 'memory',
    ...serverOptions,
  })
  bridge.attach(server)
  const { port } = await server.listen()
  cleanups.push(() => server.shutdown())
  return { server, bridge, url: `http://127.0.0.1:${port}` }
}

/** A subscriber keeping every message (see `record`); closed by {@link cleanUp}. */
export async function aRecorder(
  url: string,
  filters: string | string[] = '#',
  options: IClientOptions = {},
): Promise<Recorder> {
  const recorder = await record(url, filters, options)
  cleanups.push(() => recorder.close())
  return recorder
}

/** Publishes one LPR event per plate through the bridge, each acknowledged before the next. */
export async function publishPlates(
  bridge: MqttBridge,
  plates: string[],
  device: IpcDevice = GATE,
): Promise<void> {
  for (const plate of plates) {
    await bridge.handlers.onEvent(
      eventOf(ipcLprPost({ header: 'capture', device, plate, images: 'small' })),
      '10.0.0.5',
    )
  }
}
