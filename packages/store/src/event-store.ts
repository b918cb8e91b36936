import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { AlarmStatus, CameraInfo, ViewtronEvent } from '@viewtron/core'
import { normalizeMac } from '@viewtron/core'
import Database from 'better-sqlite3'
import { EventQuery } from './event-query.js'
import { type EventColumns, eventColumns } from './event-row.js'
import { type FindOptions, type ResolvedFind, resolveFind } from './find-options.js'
import { type CommitStats, GroupCommit } from './group-commit.js'
import { ImageFiles, type WrittenImage } from './image-files.js'
import { refusal } from './refusal.js'
import { Retention, type RetentionStats } from './retention.js'
import { checkSchema, migrate } from './schema.js'
import {
  type EventStoreOptions,
  type ResolvedStoreOptions,
  resolveStoreOptions,
} from './store-options.js'
import type { StoredAlarmStatus, StoredEvent, StoredPresence } from './stored-event.js'

/** What {@link EventStore.stats} reports. */
export interface EventStoreStats {
  /** Events held. */
  events: number
  /** Alarm on/off rows held. */
  alarmStatuses: number
  /** Presence changes held. */
  presenceChanges: number
  /** Receive time of the oldest and newest event held; `null` when empty. */
  oldest: Date | null
  newest: Date | null
  /** Bytes on disk: the database (with its WAL), the image files, and both. */
  bytes: { database: number; images: number; total: number }
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
  retention: RetentionStats
}

/** The handlers a server calls for the store; pass to `server.use()` or spread into its options. */
export interface EventStoreHandlers {
  onEvent: (event: ViewtronEvent, clientIp: string) => Promise<void>
  onAlarmStatus: (status: AlarmStatus, clientIp: string) => Promise<void>
  onPresence: (camera: CameraInfo, online: boolean) => Promise<void>
}

/** The part of `ViewtronServer` {@link EventStore.attach} needs. */
export interface AttachableServer {
  use(handlers: EventStoreHandlers): () => void
}

/** The prepared inserts of a writable store. */
interface Inserts {
  event: Database.Statement
  image: Database.Statement
  trigrams: Database.Statement
  status: Database.Statement
  presence: Database.Statement
}

/** Sizes of the database file and its WAL. */
function databaseBytes(path: string): number {
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

/**
 * An embedded event history on SQLite. Create one with {@link openEventStore}.
 *
 * How "acknowledged ⇒ committed with its images" holds: the server awaits `onEvent` before it
 * replies to the camera. The store's `onEvent` first writes each image to its own file and
 * fsyncs it (and its folder), then queues the row; the queue is committed in one transaction
 * (one WAL fsync for every post that arrived meanwhile), and only then does `onEvent` resolve.
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
  readonly #commits: GroupCommit | null
  readonly #retention: Retention | null
  readonly #insert: Inserts | null
  readonly #inFlight = new Set<Promise<unknown>>()
  readonly #counts = { events: 0, imageBytes: 0, alarmStatuses: 0, presenceChanges: 0 }
  #refused = 0
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
    this.#db = new Database(options.path, {
      readonly: options.readonly,
      fileMustExist: options.readonly,
    })
    try {
      this.#db.pragma('busy_timeout = 5000')
      if (options.readonly) {
        checkSchema(this.#db)
      } else {
        this.#db.pragma('journal_mode = WAL')
        this.#db.pragma(`synchronous = ${options.synchronous.toUpperCase()}`)
        this.#db.pragma('foreign_keys = ON')
        migrate(this.#db)
      }
    } catch (error) {
      this.#db.close()
      throw error
    }
    this.#query = new EventQuery(this.#db, (file) => this.#files.path(file))
    this.#readCounts()
    if (options.readonly) {
      this.#commits = null
      this.#retention = null
      this.#insert = null
    } else {
      const db = this.#db
      this.#insert = {
        event: db.prepare(
          `INSERT INTO events (received_at, device_time, raw_time, category, alarm_type, alarm_description, source, format,
             device_name, device_ip, device_mac, device_sn, channel_id, client_ip, plate, plate_norm, plate_fold,
             plate_group, plate_list, direction, confidence, target_type, region, target_count, image_count, image_bytes, json)
           VALUES (@received_at, @device_time, @raw_time, @category, @alarm_type, @alarm_description, @source, @format,
             @device_name, @device_ip, @device_mac, @device_sn, @channel_id, @client_ip, @plate, @plate_norm, @plate_fold,
             @plate_group, @plate_list, @direction, @confidence, @target_type, @region, @target_count, @image_count, @image_bytes, @json)`,
        ),
        image: db.prepare(
          'INSERT INTO images (event_id, role, file, bytes, width, height) VALUES (?, ?, ?, ?, ?, ?)',
        ),
        trigrams: db.prepare('INSERT INTO plate_trigrams (rowid, plate_fold) VALUES (?, ?)'),
        status: db.prepare(
          `INSERT INTO alarm_status (received_at, device_time, client_ip, device_name, device_mac, name, active, value, rule_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        presence: db.prepare(
          'INSERT INTO presence (at, client_ip, device_name, device_mac, online) VALUES (?, ?, ?, ?, ?)',
        ),
      }
      const transaction = db.transaction((work: () => void) => work())
      this.#commits = new GroupCommit((work) => transaction.immediate(work))
      this.#retention = new Retention(
        {
          db,
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
    this.handlers = {
      onEvent: (event) => this.#track(this.#storeEvent(event)),
      onAlarmStatus: (status) => this.#track(this.#storeStatus(status)),
      onPresence: (camera, online) => this.#track(this.#storePresence(camera, online)),
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
  async alarmStatuses(
    options: { camera?: string; since?: Date; until?: Date; limit?: number } = {},
  ): Promise<StoredAlarmStatus[]> {
    this.#open()
    const rows = this.#db
      .prepare(
        `SELECT * FROM alarm_status WHERE (@camera IS NULL OR client_ip = @camera OR device_name = @camera OR device_mac = @mac)
         AND received_at >= @since AND received_at < @until ORDER BY received_at DESC, id DESC LIMIT @limit`,
      )
      .all(this.#listParams(options)) as Record<string, unknown>[]
    return rows.map((row) => ({
      id: row.id as number,
      receivedAt: new Date(row.received_at as number),
      deviceTime: row.device_time === null ? null : new Date(row.device_time as number),
      clientIp: row.client_ip as string,
      deviceName: row.device_name as string,
      deviceMac: row.device_mac as string,
      name: row.name as string,
      active: row.active === null ? null : row.active === 1,
      value: row.value as string,
      ruleId: row.rule_id as string | null,
    }))
  }

  /** Presence changes, newest first: answers "when was camera X offline". */
  async presence(
    options: { camera?: string; since?: Date; until?: Date; limit?: number } = {},
  ): Promise<StoredPresence[]> {
    this.#open()
    const rows = this.#db
      .prepare(
        `SELECT * FROM presence WHERE (@camera IS NULL OR client_ip = @camera OR device_name = @camera OR device_mac = @mac)
         AND at >= @since AND at < @until ORDER BY at DESC, id DESC LIMIT @limit`,
      )
      .all(this.#listParams(options)) as Record<string, unknown>[]
    return rows.map((row) => ({
      id: row.id as number,
      at: new Date(row.at as number),
      clientIp: row.client_ip as string,
      deviceName: row.device_name as string,
      deviceMac: row.device_mac as string,
      online: row.online === 1,
    }))
  }

  /** Counts, sizes, commits and retention. */
  stats(): EventStoreStats {
    this.#open()
    if (this.#options.readonly) this.#readCounts()
    const range = this.#db
      .prepare('SELECT min(received_at) AS oldest, max(received_at) AS newest FROM events')
      .get() as { oldest: number | null; newest: number | null }
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
      refused: this.#refused,
      imageFsyncs: this.#files.fsyncs,
      orphansRemoved: this.#orphansRemoved,
      retention: { ...(this.#retention?.stats ?? emptyRetention()) },
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
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
    await this.#retention?.stop()
    if (!this.#options.readonly) {
      try {
        this.#db.pragma('wal_checkpoint(TRUNCATE)')
      } catch {
        // a busy reader or a full disk: the WAL is replayed at the next open
      }
    }
    this.#db.close()
  }

  #open(): void {
    if (this.#closed) throw new Error('the event store is closed')
  }

  #listParams(options: { camera?: string; since?: Date; until?: Date; limit?: number }) {
    return {
      camera: options.camera ?? null,
      mac: options.camera === undefined ? null : normalizeMac(options.camera),
      since: options.since?.getTime() ?? 0,
      until: options.until?.getTime() ?? Number.MAX_SAFE_INTEGER,
      limit: options.limit ?? -1,
    }
  }

  #readCounts(): void {
    const db = this.#db
    this.#counts.events = db.prepare('SELECT count(*) FROM events').pluck().get() as number
    this.#counts.imageBytes = db.prepare('SELECT total(bytes) FROM images').pluck().get() as number
    this.#counts.alarmStatuses = db
      .prepare('SELECT count(*) FROM alarm_status')
      .pluck()
      .get() as number
    this.#counts.presenceChanges = db
      .prepare('SELECT count(*) FROM presence')
      .pluck()
      .get() as number
  }

  /** Database pages in use plus image files: what `retention.maxBytes` bounds. */
  #usedBytes(): number {
    const pages = this.#db.pragma('page_count', { simple: true }) as number
    const free = this.#db.pragma('freelist_count', { simple: true }) as number
    const size = this.#db.pragma('page_size', { simple: true }) as number
    return (pages - free) * size + this.#counts.imageBytes
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work)
    void work.then(
      () => this.#inFlight.delete(work),
      () => this.#inFlight.delete(work),
    )
    return work
  }

  #refuse(reason: string, cause: unknown): Error {
    this.#refused++
    return refusal(reason, this.#options.retryAfterSeconds, cause)
  }

  #writable(): { commits: GroupCommit; insert: Inserts } {
    if (this.#closed || this.#commits === null || this.#insert === null) {
      throw this.#refuse(
        'the event store is not accepting writes',
        this.#closed ? 'closed' : 'read-only',
      )
    }
    return { commits: this.#commits, insert: this.#insert }
  }

  async #storeEvent(event: ViewtronEvent): Promise<void> {
    const { commits, insert } = this.#writable()
    let images: WrittenImage[]
    try {
      images = await this.#files.write(event)
    } catch (error) {
      throw this.#refuse('an image could not be stored', error)
    }
    const columns: EventColumns = eventColumns(event, images)
    try {
      await commits.write(() => {
        const id = Number(insert.event.run(columns).lastInsertRowid)
        for (const image of images) {
          insert.image.run(id, image.role, image.file, image.bytes, image.width, image.height)
        }
        if (columns.plate_fold !== null) insert.trigrams.run(id, columns.plate_fold)
      })
    } catch (error) {
      await this.#files.remove(images.map((image) => image.file))
      throw this.#refuse('the event could not be committed', error)
    }
    this.#counts.events++
    this.#counts.imageBytes += columns.image_bytes
    if (this.#retention?.enabled && this.#options.maxBytes !== null) {
      if (this.#usedBytes() > this.#options.maxBytes) void this.#retention.run()
    }
  }

  async #storeStatus(status: AlarmStatus): Promise<void> {
    const { commits, insert } = this.#writable()
    const mac = status.device.mac === '' ? '' : normalizeMac(status.device.mac)
    try {
      await commits.write(() => {
        for (const alarm of status.alarms) {
          insert.status.run(
            status.receivedAt.getTime(),
            status.time?.getTime() ?? null,
            status.clientIp,
            status.device.name,
            mac,
            alarm.name,
            alarm.active === null ? null : alarm.active ? 1 : 0,
            alarm.value,
            alarm.id,
          )
        }
      })
    } catch (error) {
      throw this.#refuse('the alarm status could not be committed', error)
    }
    this.#counts.alarmStatuses += status.alarms.length
  }

  /** Presence is the server's own observation, not a post: a failure is counted, never thrown. */
  async #storePresence(camera: CameraInfo, online: boolean): Promise<void> {
    if (this.#closed || this.#commits === null || this.#insert === null) return
    const insert = this.#insert
    const device = camera.device
    const mac = device === null || device.mac === '' ? '' : normalizeMac(device.mac)
    try {
      await this.#commits.write(() =>
        insert.presence.run(Date.now(), camera.clientIp, device?.name ?? '', mac, online ? 1 : 0),
      )
      this.#counts.presenceChanges++
    } catch {
      this.#refused++
    }
  }
}

function emptyRetention(): RetentionStats {
  return {
    runs: 0,
    removedEvents: 0,
    removedImages: 0,
    removedBytes: 0,
    removedStatusRows: 0,
    lastRunAt: null,
    lastError: null,
  }
}

/**
 * Opens (or creates) an event store: the SQLite database in WAL mode, migrations applied, image
 * files left by a crash before their commit removed, retention started in the background.
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
