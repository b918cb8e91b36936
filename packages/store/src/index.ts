/**
 * An embedded event history for Viewtron events on SQLite: a camera's post is acknowledged only
 * once its event and images are committed, events are searchable by plate (OCR-tolerant), and
 * the history is kept within an age and size budget.
 *
 * @packageDocumentation
 */
export {
  type AttachableServer,
  EventStore,
  type EventStoreHandlers,
  openEventStore,
} from './event-store.js'
export type { FindOptions } from './find-options.js'
export { foldPlate, normalizePlate } from './plate-text.js'
export type { RetentionStats } from './retention.js'
export { SCHEMA_VERSION } from './schema.js'
export type { StatusListOptions } from './status-query.js'
export type { EventStoreOptions, RetentionOptions } from './store-options.js'
export type { EventStoreStats } from './store-stats.js'
export type * from './stored-event.js'
export { EventStoreLockedError } from './writer-lock.js'
