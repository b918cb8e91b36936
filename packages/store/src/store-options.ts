/** How long rows and image files are kept; rows and files go together, oldest first. */
export interface RetentionOptions {
  /** Remove events received more than this many days ago. @default no age limit */
  days?: number
  /**
   * Keep the database and the image files together under this many bytes, removing the oldest
   * events first. @default no size limit
   */
  maxBytes?: number
  /** How often retention runs in the background. @default 60000 */
  intervalMs?: number
}

/** Settings of {@link openEventStore}. */
export interface EventStoreOptions {
  /** The SQLite database file (created if missing, with its folder). */
  path: string
  /**
   * Folder for the image files (one subfolder per receive day, UTC).
   * @default the database path without its extension, plus `-images`
   */
  imagesDir?: string
  /** Retention by age and size. @default keep everything */
  retention?: RetentionOptions
  /**
   * SQLite's `synchronous` setting. `'full'` fsyncs the WAL at every commit, so an acknowledged
   * post survives a power cut; `'normal'` survives a crash of the process but not of the machine.
   * @default 'full'
   */
  synchronous?: 'full' | 'normal'
  /**
   * Open for reading only (another process may be writing): no migrations, no clean-up, no
   * retention, and `attach`/`handlers` refuse every post.
   * @default false
   */
  readonly?: boolean
  /** `Retry-After` sent to a camera whose post could not be committed. @default 5 */
  retryAfterSeconds?: number
}

/** Options checked, with defaults. */
export interface ResolvedStoreOptions {
  path: string
  imagesDir: string
  days: number | null
  maxBytes: number | null
  intervalMs: number
  synchronous: 'full' | 'normal'
  readonly: boolean
  retryAfterSeconds: number
}

function positive(name: string, value: unknown, integer: boolean): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}`)
  }
  if (integer && !Number.isInteger(value)) {
    throw new RangeError(`${name} must be a whole number, got ${value}`)
  }
  return value
}

/** Checks the options, throwing a `TypeError`/`RangeError` that names the bad one. */
export function resolveStoreOptions(options: EventStoreOptions): ResolvedStoreOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object such as { path: "events.db" }')
  }
  if (typeof options.path !== 'string' || options.path === '') {
    throw new TypeError('path must be the database file name')
  }
  if (
    options.imagesDir !== undefined &&
    (typeof options.imagesDir !== 'string' || options.imagesDir === '')
  ) {
    throw new TypeError('imagesDir must be a folder name')
  }
  const retention = options.retention ?? {}
  const synchronous = options.synchronous ?? 'full'
  if (synchronous !== 'full' && synchronous !== 'normal') {
    throw new RangeError(`synchronous must be 'full' or 'normal', got ${String(synchronous)}`)
  }
  return {
    path: options.path,
    imagesDir: options.imagesDir ?? `${options.path.replace(/\.[^./\\]*$/, '')}-images`,
    days: retention.days === undefined ? null : positive('retention.days', retention.days, false),
    maxBytes:
      retention.maxBytes === undefined
        ? null
        : positive('retention.maxBytes', retention.maxBytes, true),
    intervalMs:
      retention.intervalMs === undefined
        ? 60_000
        : positive('retention.intervalMs', retention.intervalMs, true),
    synchronous,
    readonly: options.readonly === true,
    retryAfterSeconds:
      options.retryAfterSeconds === undefined
        ? 5
        : positive('retryAfterSeconds', options.retryAfterSeconds, true),
  }
}
