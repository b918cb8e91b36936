import type { EventColumns } from './event-row.js'
import type { WrittenImage } from './image-files.js'

/** One alarm state as written to `alarm_status`. */
export interface StatusColumns {
  received_at: number
  device_time: number | null
  client_ip: string
  device_name: string
  device_mac: string
  name: string
  active: number | null
  value: string
  rule_id: string | null
}

/** One presence change as written to `presence`. */
export interface PresenceColumns {
  at: number
  client_ip: string
  device_name: string
  device_mac: string
  online: number
}

/**
 * One write, as plain data the writer thread applies inside a batch's transaction: an event
 * with its image files, alarm states, a presence change, or a retention step (the oldest
 * `limit` events, those received before `before` when it is set; or status rows by age).
 */
export type WriteOp =
  | { kind: 'event'; columns: EventColumns; images: WrittenImage[] }
  | { kind: 'status'; rows: StatusColumns[] }
  | { kind: 'presence'; row: PresenceColumns }
  | { kind: 'expire'; before: number | null; limit: number }
  | { kind: 'expireStatus'; before: number }

/** What an `expire` step removed: its rows' count and the image files to delete. */
export interface Expired {
  count: number
  images: { file: string; bytes: number }[]
}

/** The result of one op: the event's id, rows written or removed, or what `expire` removed. */
export type OpResult = number | Expired

/** Main thread → writer thread. */
export type WriterRequest = { id: number; ops: WriteOp[] } | { close: true }

/** Writer thread → main thread: the results of a batch in order, or why it was rolled back. */
export type WriterReply =
  | { id: number; results: OpResult[] }
  | { id: number; error: { message: string; code: string | undefined } }
