import { EVENT_CATEGORIES, type EventCategory, normalizeMac } from '@viewtron/core'
import { foldPlate, normalizePlate } from './plate-text.js'

/** What {@link EventStore.find} looks for. Every field is optional; all given ones must match. */
export interface FindOptions {
  /**
   * Plate text or part of it, in any case, with or without spaces and `-`. Matches exact, then
   * OCR confusions (`O/0`, `I/1`, `B/8`, `S/5`), prefix, substring, then plates one edit away
   * (for 6 characters or more), ranked in that order and newest first within each rank.
   */
  plate?: string
  /** One category or several. */
  category?: EventCategory | readonly EventCategory[]
  /** Device name, MAC (any spelling), serial number or client IP. */
  camera?: string
  /** Received at or after this time. */
  since?: Date | number
  /** Received before this time. */
  until?: Date | number
  /** Most rows to yield. @default no limit */
  limit?: number
}

/** The condition no row meets (an empty category list). */
export const NOTHING = '0'

/** Find options checked and turned into SQL conditions on `e` (the events table). */
export interface ResolvedFind {
  conditions: string[]
  params: Record<string, string | number>
  limit: number
  plate: { norm: string; fold: string } | null
}

function time(name: string, value: Date | number): number {
  const ms = value instanceof Date ? value.getTime() : value
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`${name} must be a Date or a time in milliseconds`)
  }
  return ms
}

/** Checks `options`, throwing a `TypeError` or `RangeError` that names the bad field. */
export function resolveFind(options: FindOptions = {}): ResolvedFind {
  const conditions: string[] = []
  const params: Record<string, string | number> = {}
  if (options.category !== undefined) {
    const list = typeof options.category === 'string' ? [options.category] : options.category
    if (!Array.isArray(list)) throw new TypeError('category must be a category or a list of them')
    const names: string[] = []
    list.forEach((category, index) => {
      if (!EVENT_CATEGORIES.includes(category)) {
        throw new RangeError(
          `category must be one of ${EVENT_CATEGORIES.join(', ')}, got ${String(category)}`,
        )
      }
      params[`category${index}`] = category
      names.push(`@category${index}`)
    })
    conditions.push(names.length === 0 ? NOTHING : `e.category IN (${names.join(', ')})`)
  }
  if (options.camera !== undefined) {
    if (typeof options.camera !== 'string' || options.camera === '') {
      throw new TypeError('camera must be a non-empty string')
    }
    params.camera = options.camera
    params.cameraMac = normalizeMac(options.camera)
    conditions.push(
      '(e.client_ip = @camera OR e.device_mac = @cameraMac OR e.device_name = @camera OR e.device_sn = @camera)',
    )
  }
  if (options.since !== undefined) {
    params.since = time('since', options.since)
    conditions.push('e.received_at >= @since')
  }
  if (options.until !== undefined) {
    params.until = time('until', options.until)
    conditions.push('e.received_at < @until')
  }
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 1)) {
    throw new RangeError(`limit must be a positive integer, got ${String(limit)}`)
  }
  let plate: ResolvedFind['plate'] = null
  if (options.plate !== undefined) {
    if (typeof options.plate !== 'string') throw new TypeError('plate must be a string')
    const norm = normalizePlate(options.plate)
    if (norm === '') throw new RangeError('plate must hold at least one letter or digit')
    plate = { norm, fold: foldPlate(options.plate) }
  }
  return { conditions, params, limit, plate }
}
