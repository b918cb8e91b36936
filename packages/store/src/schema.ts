import type Database from 'better-sqlite3'

/**
 * Schema migrations, applied in order at open. `PRAGMA user_version` holds how many have run;
 * each runs in its own transaction with the version bump, so a crash leaves the database at a
 * whole version. Never edit a released migration: append a new one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    device_time INTEGER,
    raw_time TEXT NOT NULL,
    category TEXT NOT NULL,
    alarm_type TEXT NOT NULL,
    alarm_description TEXT NOT NULL,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    device_name TEXT NOT NULL,
    device_ip TEXT NOT NULL,
    device_mac TEXT NOT NULL,
    device_sn TEXT NOT NULL,
    channel_id INTEGER,
    client_ip TEXT NOT NULL,
    plate TEXT,
    plate_norm TEXT,
    plate_fold TEXT,
    plate_group TEXT,
    plate_list TEXT,
    direction TEXT,
    confidence REAL,
    target_type TEXT,
    region TEXT,
    target_count INTEGER NOT NULL,
    image_count INTEGER NOT NULL,
    image_bytes INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX events_received ON events (received_at);
  CREATE INDEX events_category ON events (category, received_at);
  CREATE INDEX events_client_ip ON events (client_ip, received_at);
  CREATE INDEX events_device_mac ON events (device_mac, received_at);
  CREATE INDEX events_device_name ON events (device_name, received_at);
  CREATE INDEX events_plate_norm ON events (plate_norm, received_at) WHERE plate_norm IS NOT NULL;
  CREATE INDEX events_plate_fold ON events (plate_fold, received_at) WHERE plate_fold IS NOT NULL;
  -- Substring and near-match candidates: trigrams of the folded plate (rowid = events.id).
  CREATE VIRTUAL TABLE plate_trigrams USING fts5 (plate_fold, tokenize = 'trigram');

  CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    file TEXT NOT NULL UNIQUE,
    bytes INTEGER NOT NULL,
    width INTEGER,
    height INTEGER
  );
  CREATE INDEX images_event ON images (event_id);

  CREATE TABLE alarm_status (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    device_time INTEGER,
    client_ip TEXT NOT NULL,
    device_name TEXT NOT NULL,
    device_mac TEXT NOT NULL,
    name TEXT NOT NULL,
    active INTEGER,
    value TEXT NOT NULL,
    rule_id TEXT
  );
  CREATE INDEX alarm_status_received ON alarm_status (received_at);
  CREATE INDEX alarm_status_client_ip ON alarm_status (client_ip, received_at);

  CREATE TABLE presence (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    client_ip TEXT NOT NULL,
    device_name TEXT NOT NULL,
    device_mac TEXT NOT NULL,
    online INTEGER NOT NULL
  );
  CREATE INDEX presence_at ON presence (at);
  CREATE INDEX presence_client_ip ON presence (client_ip, at);
  `,
  // A post refused by another sink and sent again by the camera carries the same event: the key
  // keeps it to one row (NULL, never equal to another, where the event has no device time).
  `
  ALTER TABLE events ADD COLUMN event_key TEXT;
  CREATE UNIQUE INDEX events_key ON events (event_key);
  `,
]

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Runs the migrations the database has not had yet. Throws for a newer, unknown schema. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `event store schema version ${current} is newer than this version of @viewtron/store understands (${SCHEMA_VERSION})`,
    )
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
  return current
}

/** Checks a database opened read-only has the schema this code reads. */
export function checkSchema(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current !== SCHEMA_VERSION) {
    throw new Error(
      current === 0
        ? 'not an event store (no schema): open it once for writing first'
        : `event store schema version ${current}, this version of @viewtron/store reads ${SCHEMA_VERSION}`,
    )
  }
}
