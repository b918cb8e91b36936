import type Database from 'better-sqlite3'
import type { Expired, OpResult, WriteOp } from './write-ops.js'

/** The writer's prepared statements; {@link apply} runs one op (inside the caller's transaction). */
export class WriteStatements {
  readonly #event: Database.Statement
  readonly #image: Database.Statement
  readonly #trigrams: Database.Statement
  readonly #status: Database.Statement
  readonly #presence: Database.Statement
  readonly #oldest: Database.Statement
  readonly #olderThan: Database.Statement
  readonly #imagesOf: Database.Statement
  readonly #deleteTrigrams: Database.Statement
  readonly #deleteEvents: Database.Statement
  readonly #deleteStatus: Database.Statement
  readonly #deletePresence: Database.Statement

  constructor(db: Database.Database) {
    this.#event = db.prepare(
      `INSERT INTO events (received_at, device_time, raw_time, category, alarm_type, alarm_description, source, format,
         device_name, device_ip, device_mac, device_sn, channel_id, client_ip, plate, plate_norm, plate_fold,
         plate_group, plate_list, direction, confidence, target_type, region, target_count, image_count, image_bytes, json, event_key)
       VALUES (@received_at, @device_time, @raw_time, @category, @alarm_type, @alarm_description, @source, @format,
         @device_name, @device_ip, @device_mac, @device_sn, @channel_id, @client_ip, @plate, @plate_norm, @plate_fold,
         @plate_group, @plate_list, @direction, @confidence, @target_type, @region, @target_count, @image_count, @image_bytes, @json, @event_key)
       ON CONFLICT (event_key) DO NOTHING`,
    )
    this.#image = db.prepare(
      'INSERT INTO images (event_id, role, file, bytes, width, height) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.#trigrams = db.prepare('INSERT INTO plate_trigrams (rowid, plate_fold) VALUES (?, ?)')
    this.#status = db.prepare(
      `INSERT INTO alarm_status (received_at, device_time, client_ip, device_name, device_mac, name, active, value, rule_id)
       VALUES (@received_at, @device_time, @client_ip, @device_name, @device_mac, @name, @active, @value, @rule_id)`,
    )
    this.#presence = db.prepare(
      'INSERT INTO presence (at, client_ip, device_name, device_mac, online) VALUES (@at, @client_ip, @device_name, @device_mac, @online)',
    )
    this.#oldest = db.prepare('SELECT id FROM events ORDER BY received_at, id LIMIT ?').pluck()
    this.#olderThan = db
      .prepare('SELECT id FROM events WHERE received_at < ? ORDER BY received_at, id LIMIT ?')
      .pluck()
    this.#imagesOf = db.prepare(
      'SELECT file, bytes FROM images WHERE event_id IN (SELECT value FROM json_each(?))',
    )
    this.#deleteTrigrams = db.prepare(
      'DELETE FROM plate_trigrams WHERE rowid IN (SELECT value FROM json_each(?))',
    )
    this.#deleteEvents = db.prepare(
      'DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))',
    )
    this.#deleteStatus = db.prepare('DELETE FROM alarm_status WHERE received_at < ?')
    this.#deletePresence = db.prepare('DELETE FROM presence WHERE at < ?')
  }

  apply(op: WriteOp): OpResult {
    switch (op.kind) {
      case 'event': {
        const inserted = this.#event.run(op.columns)
        // The same event again (a retried post): kept once, and 0 says so.
        if (inserted.changes === 0) return 0
        const id = Number(inserted.lastInsertRowid)
        for (const image of op.images) {
          this.#image.run(id, image.role, image.file, image.bytes, image.width, image.height)
        }
        if (op.columns.plate_fold !== null) this.#trigrams.run(id, op.columns.plate_fold)
        return id
      }
      case 'status':
        for (const row of op.rows) this.#status.run(row)
        return op.rows.length
      case 'presence':
        return Number(this.#presence.run(op.row).lastInsertRowid)
      case 'expire':
        return this.#expire(op.before, op.limit)
      case 'expireStatus':
        return (
          this.#deleteStatus.run(op.before).changes + this.#deletePresence.run(op.before).changes
        )
    }
  }

  #expire(before: number | null, limit: number): Expired {
    const selected = (
      before === null ? this.#oldest.all(limit) : this.#olderThan.all(before, limit)
    ) as number[]
    if (selected.length === 0) return { count: 0, images: [] }
    const ids = JSON.stringify(selected)
    const images = this.#imagesOf.all(ids) as Expired['images']
    this.#deleteTrigrams.run(ids)
    return { count: this.#deleteEvents.run(ids).changes, images }
  }
}
