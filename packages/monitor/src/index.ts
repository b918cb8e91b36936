/**
 * The live web monitor of a `ViewtronServer`: a page on its own port showing every camera, its
 * presence and its events with pictures as they arrive, counters, and search over an event store.
 *
 * @packageDocumentation
 */
export { isLoopback, type MonitorOptions } from './monitor-options.js'
export { Monitor, type MonitorStats } from './monitor-server.js'
export type { MonitorSearchQuery, MonitorStore, MonitorStoredEvent } from './monitor-store.js'
export { startMonitor } from './start-monitor.js'
export type * from './wire.js'
