import { normalizeMac } from '@viewtron/core'
import type Database from 'better-sqlite3'
import type { StoredAlarmStatus, StoredPresence } from './stored-event.js'

/** What {@link EventStore.alarmStatuses} and {@link EventStore.presence} take. */
export interface StatusListOptions {
  /** Client IP, device name or MAC (any spelling). */
  camera?: string
  /** Received (alarm statuses) or changed (presence) at or after this time. */
  since?: Date
  /** Received (alarm statuses) or changed (presence) before this time. */
  until?: Date
  /** @default no limit */
  limit?: number
}

/** The rows of one camera (or all) in a time window, newest first. */
function listSql(table: string, time: string): string {
  return `SELECT * FROM ${table}
    WHERE (@camera IS NULL OR client_ip = @camera OR device_name = @camera OR device_mac = @mac)
      AND ${time} >= @since AND ${time} < @until
    ORDER BY ${time} DESC, id DESC LIMIT @limit`
}

function listParams(options: StatusListOptions) {
  return {
    camera: options.camera ?? null,
    mac: options.camera === undefined ? null : normalizeMac(options.camera),
    since: options.since?.getTime() ?? 0,
    until: options.until?.getTime() ?? Number.MAX_SAFE_INTEGER,
    limit: options.limit ?? -1,
  }
}

type Row = Record<string, unknown>

/** Reads the alarm status and presence tables. */
export class StatusQuery {
  readonly #statuses: Database.Statement
  readonly #presence: Database.Statement

  constructor(db: Database.Database) {
    this.#statuses = db.prepare(listSql('alarm_status', 'received_at'))
    this.#presence = db.prepare(listSql('presence', 'at'))
  }

  alarmStatuses(options: StatusListOptions): StoredAlarmStatus[] {
    return (this.#statuses.all(listParams(options)) as Row[]).map((row) => ({
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

  presence(options: StatusListOptions): StoredPresence[] {
    return (this.#presence.all(listParams(options)) as Row[]).map((row) => ({
      id: row.id as number,
      at: new Date(row.at as number),
      clientIp: row.client_ip as string,
      deviceName: row.device_name as string,
      deviceMac: row.device_mac as string,
      online: row.online === 1,
    }))
  }
}
