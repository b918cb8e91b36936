import type { AlarmStatus, CameraInfo, ViewtronEvent } from '@viewtron/core'
import { normalizeMac, RefusePost } from '@viewtron/core'
import { type EventColumns, eventColumns } from './event-row.js'
import type { GroupCommit } from './group-commit.js'
import type { ImageFiles, WrittenImage } from './image-files.js'
import { refusal } from './refusal.js'
import type { StatusColumns } from './write-ops.js'

/** What the store holds, kept up to date as writes commit and retention removes. */
export interface StoreCounts {
  events: number
  imageBytes: number
  alarmStatuses: number
  presenceChanges: number
}

/** What {@link StoreWrites} works with. */
export interface StoreWriteDeps {
  /** `null` for a read-only store. */
  commits: GroupCommit | null
  files: ImageFiles
  counts: StoreCounts
  retryAfterSeconds: number
  closed: () => boolean
  /** Called after each event committed (retention checks its byte budget). */
  afterEvent: () => void
}

/**
 * The store's write paths, one per handler: what becomes a row, and a `RefusePost` when it
 * cannot be kept, so the post is refused instead of acknowledged.
 */
export class StoreWrites {
  readonly #deps: StoreWriteDeps
  /** Posts refused (and presence changes that could not be kept). */
  refused = 0

  constructor(deps: StoreWriteDeps) {
    this.#deps = deps
  }

  #refuse(reason: string, cause: unknown): Error {
    this.refused++
    return refusal(reason, this.#deps.retryAfterSeconds, cause)
  }

  #writable(): GroupCommit {
    const { commits } = this.#deps
    if (this.#deps.closed() || commits === null) {
      throw this.#refuse(
        'the event store is not accepting writes',
        commits === null ? 'read-only' : 'closed',
      )
    }
    return commits
  }

  /** Writes the event's images, then commits its row; throws a `RefusePost` when it cannot. */
  event(event: ViewtronEvent): Promise<void> {
    return this.#refusing('the event could not be stored', () => this.#event(event))
  }

  /** Commits the alarm states; throws a `RefusePost` when it cannot. */
  status(status: AlarmStatus): Promise<void> {
    return this.#refusing('the alarm status could not be stored', () => this.#status(status))
  }

  /** Whatever fails, the post is refused: core acknowledges a post whose handler threw anything else. */
  async #refusing(reason: string, write: () => Promise<void>): Promise<void> {
    try {
      await write()
    } catch (error) {
      if (error instanceof RefusePost) throw error
      throw this.#refuse(reason, error)
    }
  }

  async #event(event: ViewtronEvent): Promise<void> {
    const commits = this.#writable()
    let images: WrittenImage[]
    try {
      images = await this.#deps.files.write(event)
    } catch (error) {
      throw this.#refuse('an image could not be stored', error)
    }
    let columns: EventColumns
    let id: number
    try {
      // Building the row (JSON.stringify of the event) can throw as well as the commit: any
      // other error would be reported and the post acknowledged with nothing kept.
      columns = eventColumns(event, images)
      id = (await commits.write({ kind: 'event', columns, images })) as number
    } catch (error) {
      await this.#removeQuietly(images)
      throw this.#refuse('the event could not be committed', error)
    }
    if (id === 0) {
      // Stored before, by the post this one retries: its own copies of the images go.
      await this.#removeQuietly(images)
      return
    }
    this.#deps.counts.events++
    this.#deps.counts.imageBytes += columns.image_bytes
    try {
      this.#deps.afterEvent()
    } catch {
      // the row is committed, so the post is acknowledged; retention runs again on its timer
    }
  }

  /** Removes a refused post's files; a failure only leaves orphans, removed at the next open. */
  async #removeQuietly(images: readonly WrittenImage[]): Promise<void> {
    try {
      await this.#deps.files.remove(images.map((image) => image.file))
    } catch {
      // never replaces the refusal
    }
  }

  async #status(status: AlarmStatus): Promise<void> {
    const commits = this.#writable()
    let rows: StatusColumns[]
    try {
      rows = statusRows(status)
      await commits.write({ kind: 'status', rows })
    } catch (error) {
      throw this.#refuse('the alarm status could not be committed', error)
    }
    this.#deps.counts.alarmStatuses += rows.length
  }

  /** Presence is the server's own observation, not a post: a failure is counted, never thrown. */
  async presence(camera: CameraInfo, online: boolean): Promise<void> {
    const { commits } = this.#deps
    if (this.#deps.closed() || commits === null) return
    const device = camera.device
    const mac = device === null || device.mac === '' ? '' : normalizeMac(device.mac)
    try {
      await commits.write({
        kind: 'presence',
        row: {
          at: Date.now(),
          client_ip: camera.clientIp,
          device_name: device?.name ?? '',
          device_mac: mac,
          online: online ? 1 : 0,
        },
      })
      this.#deps.counts.presenceChanges++
    } catch {
      this.refused++
    }
  }
}

function statusRows(status: AlarmStatus): StatusColumns[] {
  const mac = status.device.mac === '' ? '' : normalizeMac(status.device.mac)
  return status.alarms.map((alarm) => ({
    received_at: status.receivedAt.getTime(),
    device_time: status.time?.getTime() ?? null,
    client_ip: status.clientIp,
    device_name: status.device.name,
    device_mac: mac,
    name: alarm.name,
    active: alarm.active === null ? null : alarm.active ? 1 : 0,
    value: alarm.value,
    rule_id: alarm.id,
  }))
}
