import type { ServerResponse } from 'node:http'
import { EVENT_CATEGORIES, type EventCategory } from '@viewtron/core'
import { replyJson } from './http-replies.js'
import type { MonitorSearchQuery, MonitorStore, MonitorStoredEvent } from './monitor-store.js'
import type { WireSearchPage, WireSearchRow } from './wire.js'

/** Rows per page of search results, and the deepest page served. */
export const PAGE_SIZE = 25
const MAX_PAGE = 200

/** The page's view of one stored row; its images are served under `/stored/<id>/<i>.jpg`. */
export function searchRow(row: MonitorStoredEvent): WireSearchRow {
  const id = String(row.id)
  const { camera } = row
  return {
    id,
    category: row.category,
    receivedAt: row.receivedAt.toISOString(),
    time: row.deviceTime?.toISOString() ?? null,
    cameraName:
      (camera.name === '' ? camera.clientIp : camera.name) +
      (camera.channelId === null ? '' : ` · channel ${camera.channelId}`),
    clientIp: camera.clientIp,
    plate: row.plate ?? '',
    plateGroup: row.plateGroup,
    match: row.match ?? null,
    description: row.alarmDescription,
    images: row.images.map((image, index) => ({
      role: image.role,
      url: `/stored/${id}/${index}.jpg`,
      width: image.width,
      height: image.height,
      bytes: image.bytes,
    })),
  }
}

/** The query of `GET /api/search`, read from its URL; a bad field throws a `RangeError`. */
export function searchQuery(params: URLSearchParams): MonitorSearchQuery {
  const query: MonitorSearchQuery = {}
  const plate = params.get('plate')?.trim()
  if (plate) query.plate = plate
  const camera = params.get('camera')?.trim()
  if (camera) query.camera = camera
  const category = params.get('category')?.trim()
  if (category) {
    if (!(EVENT_CATEGORIES as readonly string[]).includes(category)) {
      throw new RangeError(`category must be one of ${EVENT_CATEGORIES.join(', ')}`)
    }
    query.category = category as EventCategory
  }
  for (const name of ['since', 'until'] as const) {
    const value = params.get(name)?.trim()
    if (!value) continue
    const date = new Date(value)
    if (Number.isNaN(date.getTime())) throw new RangeError(`${name} is not a date: '${value}'`)
    query[name] = date
  }
  return query
}

/**
 * One page of results. The store ranks plate matches (exact first, then near ones), so pages are
 * cut from its ordered results rather than by time.
 */
export async function searchPage(
  store: MonitorStore,
  query: MonitorSearchQuery,
  page: number,
): Promise<WireSearchPage> {
  const wanted = Math.min(Math.max(page, 0), MAX_PAGE)
  const skip = wanted * PAGE_SIZE
  const rows: WireSearchRow[] = []
  let seen = 0
  let more = false
  for await (const row of store.find({ ...query, limit: skip + PAGE_SIZE + 1 })) {
    seen++
    if (seen <= skip) continue
    if (rows.length === PAGE_SIZE) {
      more = true
      break
    }
    rows.push(searchRow(row))
  }
  return { rows, page: wanted, pageSize: PAGE_SIZE, more }
}

/**
 * Answers `GET /api/search`: one page of rows as JSON, `400` for a bad field, `404` when no
 * event store is attached.
 */
export async function replySearch(
  res: ServerResponse,
  store: MonitorStore | null,
  params: URLSearchParams,
): Promise<void> {
  if (store === null) return replyJson(res, { error: 'search needs an event store (--db)' }, 404)
  let query: MonitorSearchQuery
  try {
    query = searchQuery(params)
  } catch (error) {
    return replyJson(res, { error: (error as Error).message }, 400)
  }
  const page = Number.parseInt(params.get('page') ?? '0', 10) || 0
  return replyJson(res, await searchPage(store, query, page))
}
