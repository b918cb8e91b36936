import Database from 'better-sqlite3'
import { checkSchema, migrate } from './schema.js'
import type { ResolvedStoreOptions } from './store-options.js'
import type { StoreCounts } from './store-writes.js'

/** The database, set up for reading or for writing (WAL, migrated). */
export function openDatabase(options: ResolvedStoreOptions): Database.Database {
  const db = new Database(options.path, {
    readonly: options.readonly,
    fileMustExist: options.readonly,
  })
  try {
    db.pragma('busy_timeout = 5000')
    if (options.readonly) {
      checkSchema(db)
    } else {
      db.pragma('journal_mode = WAL')
      db.pragma(`synchronous = ${options.synchronous.toUpperCase()}`)
      db.pragma('foreign_keys = ON')
      migrate(db)
    }
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

/**
 * Reads the row counts and image bytes held into `counts`: once at open, and on every `stats()`
 * of a read-only store (another process writes).
 */
export function readCounts(db: Database.Database, counts: StoreCounts): void {
  counts.events = db.prepare('SELECT count(*) FROM events').pluck().get() as number
  counts.imageBytes = db.prepare('SELECT total(bytes) FROM images').pluck().get() as number
  counts.alarmStatuses = db.prepare('SELECT count(*) FROM alarm_status').pluck().get() as number
  counts.presenceChanges = db.prepare('SELECT count(*) FROM presence').pluck().get() as number
}

/** Bytes of database pages in use (free pages left out): the database's part of `maxBytes`. */
export function usedPageBytes(db: Database.Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number
  const free = db.pragma('freelist_count', { simple: true }) as number
  const size = db.pragma('page_size', { simple: true }) as number
  return (pages - free) * size
}

/** Receive times of the oldest and newest event held (epoch ms), `null` when empty. */
export function eventTimeRange(db: Database.Database): {
  oldest: number | null
  newest: number | null
} {
  return db
    .prepare('SELECT min(received_at) AS oldest, max(received_at) AS newest FROM events')
    .get() as { oldest: number | null; newest: number | null }
}
