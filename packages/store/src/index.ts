/**
 * An embedded event history for Viewtron events on SQLite: a camera's post is acknowledged only
 * once its event and images are committed, events are searchable by plate (OCR-tolerant), and
 * the history is kept within an age and size budget.
 *
 * @packageDocumentation
 */
export { EventStore } from './event-store.js'
export type { AttachableServer, EventStoreHandlers } from './event-store-handlers.js'
export type { FindOptions } from './find-options.js'
export { openEventStore } from './open-event-store.js'
export { foldPlate, normalizePlate } from './plate-text.js'
export type { RetentionStats } from './retention.js'
export { SCHEMA_VERSION } from './schema.js'
export type { StatusListOptions } from './status-query.js'
export type { EventStoreOptions, RetentionOptions } from './store-options.js'
export type { EventStoreStats } from './store-stats.js'
export type * from './stored-event.js'
export { EventStoreLockedError } from './writer-lock.js'
