import type { MonitorOptions } from './monitor-options.js'
import { Monitor } from './monitor-server.js'

/**
 * Starts the live monitor on its own port and resolves once it listens. Attach servers with
 * {@link Monitor.attach}.
 *
 * @example
 * ```ts
 * const server = new ViewtronServer({ port: 5050, images: 'memory' })
 * const monitor = await startMonitor({ port: 8080 })
 * monitor.attach(server)
 * await server.listen()
 * console.log(`Monitor on ${monitor.url}`)
 * ```
 * @throws RangeError for a bad option, including a non-loopback `host` without `auth`.
 */
export async function startMonitor(options: MonitorOptions = {}): Promise<Monitor> {
  const monitor = new Monitor(options)
  try {
    await monitor.listen()
  } catch (error) {
    await monitor.close()
    throw error
  }
  return monitor
}
