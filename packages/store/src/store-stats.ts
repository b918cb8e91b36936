import { statSync } from 'node:fs'
import type { RetentionStats } from './retention.js'

/** What {@link EventStore.stats} reports. */
export interface EventStoreStats {
  /** Events held. */
  events: number
  /** Alarm on/off rows held. */
  alarmStatuses: number
  /** Presence changes held. */
  presenceChanges: number
  /** Receive time of the oldest event held; `null` when empty. */
  oldest: Date | null
  /** Receive time of the newest event held; `null` when empty. */
  newest: Date | null
  /** Bytes on disk. */
  bytes: {
    /** The database file with its WAL and shared-memory files. */
    database: number
    /** The image files. */
    images: number
    /** Both together. */
    total: number
  }
  /** Transactions committed since open (each one fsync of the WAL with `synchronous: 'full'`). */
  commits: number
  /** Writes per commit, on average (higher when posts arrive together). */
  averageBatch: number
  /** Commits that failed (disk full, read-only): their posts were refused, not acknowledged. */
  failedCommits: number
  /** Posts refused: a commit or an image write failed. */
  refused: number
  /** fsync calls on image files and their folders. */
  imageFsyncs: number
  /** Image files without a row removed at open (left by a crash before their commit). */
  orphansRemoved: number
  /** What retention has removed since the store was opened. */
  retention: RetentionStats
}

/** Sizes of the database file and its WAL. */
export function databaseBytes(path: string): number {
  let total = 0
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(path + suffix).size
    } catch {
      // not there (yet)
    }
  }
  return total
}
