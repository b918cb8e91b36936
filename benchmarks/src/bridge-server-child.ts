/**
 * A `ViewtronServer` keeping images in memory, optionally bridged to an MQTT broker, in its own
 * process so its memory is its own. argv: `<brokerUrl | none>`. It sends `{ port }` once
 * listening, answers `'rss'` with `{ rss, pendingEvents, pendingBytes }`, and exits on `'stop'`.
 */
import { ViewtronServer } from '@viewtron/core'
import { createMqttBridge } from '@viewtron/mqtt'

const broker = process.argv[2] ?? 'none'
const server = new ViewtronServer({
  port: 0,
  host: '127.0.0.1',
  images: 'memory',
  onError: () => undefined,
})
const bridge =
  broker === 'none'
    ? null
    : createMqttBridge({ url: broker, nodeId: 'bench', brokerTimeoutMs: 120_000 })
if (bridge !== null) {
  bridge.attach(server)
  await bridge.ready()
}
const { port } = await server.listen()
process.send?.({ port })
process.on('message', async (message) => {
  if (message === 'rss') {
    const stats = bridge?.stats()
    process.send?.({
      rss: process.memoryUsage().rss,
      pendingEvents: stats?.pendingEvents ?? 0,
      pendingBytes: stats?.pendingBytes ?? 0,
    })
  } else if (message === 'stop') {
    await server.shutdown()
    await bridge?.close()
    process.exit(0)
  }
})
