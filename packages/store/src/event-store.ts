import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type Database from 'better-sqlite3'
import { DbWriter } from './db-writer.js'
import { EventQuery } from './event-query.js'
import type { AttachableServer, EventStoreHandlers } from './event-store-handlers.js'
import { type FindOptions, type ResolvedFind, resolveFind } from './find-options.js'
import { type CommitStats, GroupCommit } from './group-commit.js'
import { ImageFiles } from './image-files.js'
import { eventTimeRange, openDatabase, readCounts, usedPageBytes } from './open-database.js'
import { emptyRetentionStats, Retention } from './retention.js'
import { type StatusListOptions, StatusQuery } from './status-query.js'
import type { ResolvedStoreOptions } from './store-options.js'
import { databaseBytes, type EventStoreStats } from './store-stats.js'
import { type StoreCounts, StoreWrites } from './store-writes.js'
import type { StoredAlarmStatus, StoredEvent, StoredPresence } from './stored-event.js'
import type { Expired } from './write-ops.js'
import { WriterLock } from './writer-lock.js'

/**
 * An embedded event history on SQLite. Create one with {@link openEventStore}.
 *
 * How "acknowledged ⇒ committed with its images" holds: the server awaits `onEvent` before it
 * replies to the camera. The store's `onEvent` first writes each image to its own file and
 * fsyncs it, then queues the row; the queue is committed in one transaction on a writer thread
 * after the image folders are fsynced (one WAL fsync for every post that arrived meanwhile, and
 * the thread answering cameras never waits on it), and only then does `onEvent` resolve.
 * If an image or the commit fails (disk full, read-only), `onEvent` throws a refusal: the camera
 * gets 503 + `Retry-After` and posts again, and the files already written are removed. Images
 * come from the event itself: with the server's default `images: 'memory'` the bytes are
 * written here; with `images: { dir }` the server's complete file is hard-linked (or copied
 * across file systems). A crash between an image file and its commit leaves a file with no row,
 * removed at the next open.
 */
export class EventStore {
  readonly #options: ResolvedStoreOptions
  readonly #db: Database.Database
  readonly #files: ImageFiles
  readonly #query: EventQuery
  readonly #statusQuery: StatusQuery
  readonly #commits: GroupCommit | null
  readonly #retention: Retention | null
  readonly #writer: DbWriter | null
  /** `null` for a read-only store: readers never block the writer. */
  readonly #lock: WriterLock | null
  readonly #inFlight = new Set<Promise<unknown>>()
  readonly #counts: StoreCounts = { events: 0, imageBytes: 0, alarmStatuses: 0, presenceChanges: 0 }
  readonly #writes: StoreWrites
  #orphansRemoved = 0
  #closed = false
  /** Handlers for a `ViewtronServer`: `server.use(store.handlers)` or spread into its options. */
  readonly handlers: EventStoreHandlers

  /** @internal Use {@link openEventStore}. */
  constructor(options: ResolvedStoreOptions) {
    this.#options = options
    this.#files = new ImageFiles(resolve(options.imagesDir))
    if (!options.readonly) {
      mkdirSync(dirname(resolve(options.path)), { recursive: true })
      mkdirSync(this.#files.dir, { recursive: true })
    }
    // Before anything is opened: a second writer would remove the first one's uncommitted
    // image files as orphans.
    this.#lock = options.readonly ? null : WriterLock.acquire(resolve(options.path))
    try {
      this.#db = openDatabase(options)
    } catch (error) {
      this.#lock?.release()
      throw error
    }
    this.#query = new EventQuery(this.#db, (file) => this.#files.path(file))
    this.#statusQuery = new StatusQuery(this.#db)
    readCounts(this.#db, this.#counts)
    if (options.readonly) {
      this.#commits = null
      this.#retention = null
      this.#writer = null
    } else {
      const writer = new DbWriter(options.path, options.synchronous)
      this.#writer = writer
      const commits = new GroupCommit(
        (ops) => writer.run(ops),
        () => this.#files.syncFolders(),
      )
      this.#commits = commits
      this.#retention = new Retention(
        {
          expire: async (before, limit) =>
            (await commits.write({ kind: 'expire', before, limit })) as Expired,
          expireStatus: async (before) =>
            (await commits.write({ kind: 'expireStatus', before })) as number,
          files: this.#files,
          usedBytes: () => this.#usedBytes(),
          eventCount: () => this.#counts.events,
          removed: (events, imageBytes) => {
            this.#counts.events -= events
            this.#counts.imageBytes -= imageBytes
          },
        },
        options.days,
        options.maxBytes,
      )
    }
    const writes = new StoreWrites({
      commits: this.#commits,
      files: this.#files,
      counts: this.#counts,
      retryAfterSeconds: options.retryAfterSeconds,
      closed: () => this.#closed,
      afterEvent: () => {
        const { maxBytes } = this.#options
        if (maxBytes !== null && this.#usedBytes() > maxBytes) void this.#retention?.run()
      },
    })
    this.#writes = writes
    this.handlers = {
      onEvent: (event) => this.#track(writes.event(event)),
      onAlarmStatus: (status) => this.#track(writes.status(status)),
      onPresence: (camera, online) => this.#track(writes.presence(camera, online)),
    }
  }

  /** @internal Clean-up at open: image files no row names. */
  async removeOrphans(): Promise<void> {
    const files = this.#db.prepare('SELECT file FROM images WHERE file >= ? AND file < ?').pluck()
    this.#orphansRemoved = await this.#files.removeOrphans(
      (day) => new Set(files.all(`${day}/`, `${day}0`) as string[]),
    )
  }

  /** @internal Starts background retention. */
  startRetention(): void {
    this.#retention?.start(this.#options.intervalMs)
  }

  /** The database file. */
  get path(): string {
    return this.#options.path
  }

  /** The folder holding the image files. */
  get imagesDir(): string {
    return this.#files.dir
  }

  /**
   * Stores every event, alarm status and presence change of `server` from now on: calls
   * `server.use(store.handlers)`. Returns the function that detaches it again.
   */
  attach(server: AttachableServer): () => void {
    if (this.#options.readonly) throw new Error('a read-only event store cannot be attached')
    return server.use(this.handlers)
  }

  /**
   * Events matching `options`: newest first, or ranked by match quality with a `plate` (see
   * {@link FindOptions.plate}). Rows are read in pages as the loop asks for them.
   */
  find(options: FindOptions = {}): AsyncIterableIterator<StoredEvent> {
    const query = resolveFind(options)
    this.#open()
    return this.#rows(query)
  }

  async *#rows(query: ResolvedFind): AsyncIterableIterator<StoredEvent> {
    for (const row of this.#query.find(query)) {
      yield row
      if (this.#closed) return
    }
  }

  /** One event with its image paths, or `null` when there is no such id (or it was removed). */
  async get(id: number): Promise<StoredEvent | null> {
    if (!Number.isInteger(id)) throw new TypeError(`id must be an integer, got ${String(id)}`)
    this.#open()
    return this.#query.get(id)
  }

  /** Alarm on/off changes, newest first (`camera` matches client IP, device name or MAC). */
  async alarmStatuses(options: StatusListOptions = {}): Promise<StoredAlarmStatus[]> {
    this.#open()
    return this.#statusQuery.alarmStatuses(options)
  }

  /** Presence changes, newest first: answers "when was camera X offline". */
  async presence(options: StatusListOptions = {}): Promise<StoredPresence[]> {
    this.#open()
    return this.#statusQuery.presence(options)
  }

  /** Counts, sizes, commits and retention. */
  stats(): EventStoreStats {
    this.#open()
    if (this.#options.readonly) readCounts(this.#db, this.#counts)
    const range = eventTimeRange(this.#db)
    const commits: CommitStats = this.#commits?.stats ?? { commits: 0, writes: 0, failed: 0 }
    const database = databaseBytes(this.#options.path)
    return {
      events: this.#counts.events,
      alarmStatuses: this.#counts.alarmStatuses,
      presenceChanges: this.#counts.presenceChanges,
      oldest: range.oldest === null ? null : new Date(range.oldest),
      newest: range.newest === null ? null : new Date(range.newest),
      bytes: {
        database,
        images: this.#counts.imageBytes,
        total: database + this.#counts.imageBytes,
      },
      commits: commits.commits,
      averageBatch: commits.commits === 0 ? 0 : commits.writes / commits.commits,
      failedCommits: commits.failed,
      refused: this.#writes.refused,
      imageFsyncs: this.#files.fsyncs,
      orphansRemoved: this.#orphansRemoved,
      retention: { ...(this.#retention?.stats ?? emptyRetentionStats()) },
    }
  }

  /** Runs retention now (it also runs in the background); resolves when done. */
  async runRetention(): Promise<void> {
    this.#open()
    await this.#retention?.run()
  }

  /**
   * Waits for every write under way to commit, stops retention and closes the database. Posts
   * arriving afterwards are refused.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#retention?.stop()
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
    await this.#commits?.idle()
    await this.#writer?.close()
    if (!this.#options.readonly) {
      try {
        this.#db.pragma('wal_checkpoint(TRUNCATE)')
      } catch {
        // a busy reader or a full disk: the WAL is replayed at the next open
      }
    }
    this.#db.close()
    this.#lock?.release()
  }

  #open(): void {
    if (this.#closed) throw new Error('the event store is closed')
  }

  /** Database pages in use plus image files: what `retention.maxBytes` bounds. */
  #usedBytes(): number {
    return usedPageBytes(this.#db) + this.#counts.imageBytes
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work)
    void work.then(
      () => this.#inFlight.delete(work),
      () => this.#inFlight.delete(work),
    )
    return work
  }
}
