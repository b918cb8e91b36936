import { EventStore } from './event-store.js'
import { type EventStoreOptions, resolveStoreOptions } from './store-options.js'

/**
 * Opens (or creates) an event store: the SQLite database in WAL mode, migrations applied, image
 * files left by a crash before their commit removed, retention started in the background.
 * One writer per database: while another live process (or another store here) has it open
 * without `readonly`, this rejects with an {@link EventStoreLockedError}. The lock is a
 * `<path>.lock` file naming the writer's pid, removed by `close()`; one left by a process that
 * is no longer alive (killed) is taken over. `readonly` stores take no lock.
 *
 * @example
 * ```ts
 * const store = await openEventStore({ path: 'events.db', retention: { days: 30 } })
 * store.attach(server)
 * for await (const row of store.find({ plate: 'KXT48', limit: 10 })) console.log(row.plate)
 * ```
 */
export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  const store = new EventStore(resolveStoreOptions(options))
  if (!options.readonly) {
    try {
      await store.removeOrphans()
    } catch (error) {
      await store.close()
      throw error
    }
    store.startRetention()
  }
  return store
}
