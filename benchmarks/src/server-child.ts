/**
 * Entry of a server child process: `node dist/server-child.js '<config JSON>'`, forked by the
 * parent with an IPC channel. Starts the null server or ours, says `ready`, then answers the
 * parent's requests (snapshot, memory mark/peak, stop) until told to stop.
 */
import { MemoryProbe } from './server/memory-probe.js'
import { startNullServer } from './server/null-server.js'
import type { ChildMessage, ParentRequest, ServerChildConfig } from './server/protocol.js'
import type { RunningServer } from './server/running-server.js'

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) throw new Error('server-child must be forked with IPC')
    process.send(message, undefined, undefined, () => resolve())
  })
}

async function start(config: ServerChildConfig): Promise<RunningServer> {
  if (config.kind === 'null') return startNullServer(config.reply)
  if (config.kind === 'sax') {
    const { BareSaxes } = await import('./server/bare-saxes.js')
    return startNullServer(config.reply, () => new BareSaxes())
  }
  if (config.kind === 'parse') {
    const core: typeof import('@viewtron/core') = await import(
      config.coreModule ?? '@viewtron/core'
    )
    return startNullServer(config.reply, () => new core.BodyParser({ images: 'discard' }))
  }
  // Loaded only here, so the null server never has the SDK in its memory.
  const { startOurServer } = await import('./server/our-server.js')
  return startOurServer(config)
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as ServerChildConfig
  const server = await start(config)
  const probe = new MemoryProbe()
  process.on('message', (request: ParentRequest) => {
    switch (request.type) {
      case 'snapshot':
        void send({ id: request.id, type: 'snapshot', snapshot: server.snapshot() })
        return
      case 'mark':
        probe.mark()
        void send({ id: request.id, type: 'snapshot', snapshot: server.snapshot() })
        return
      case 'peak':
        void send({ id: request.id, type: 'peak', peak: probe.read() })
        return
      case 'stop':
        void server.stop().then(async (snapshot) => {
          await send({ id: request.id, type: 'stopped', snapshot })
          // A normal exit, so `--cpu-prof` writes its profile.
          process.exit(0)
        })
    }
  })
  await send({ type: 'ready', port: server.port, node: process.version })
}

main().catch(async (error: unknown) => {
  await send({
    type: 'failed',
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  })
  process.exit(1)
})
