import type { MonitorSearchQuery, MonitorStore } from './monitor-store.js'
import type { WireImage, WireSearchPage, WireSearchRow } from './wire.js'

/** Rows per page of search results, and the deepest page served. */
export const PAGE_SIZE = 25
const MAX_PAGE = 200

type Row = Record<string, unknown>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const iso = (value: unknown): string | null =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === 'string' || typeof value === 'number'
      ? new Date(value).toISOString()
      : null

/** The images of a stored row: JSON summaries with `path`, served under `/stored/<id>/<i>.jpg`. */
function storedImages(id: string, row: Row): WireImage[] {
  const list = Array.isArray(row.images) ? (row.images as Row[]) : []
  return list.map((image, index) => ({
    role: image.role === 'target' ? 'target' : 'source',
    url: typeof image.path === 'string' ? `/stored/${encodeURIComponent(id)}/${index}.jpg` : null,
    width: typeof image.width === 'number' ? image.width : null,
    height: typeof image.height === 'number' ? image.height : null,
    bytes: typeof image.byteLength === 'number' ? image.byteLength : 0,
  }))
}

/** The page's view of one stored row. */
export function searchRow(row: Row): WireSearchRow {
  const id = String(row.id)
  const device = (row.device ?? {}) as Row
  return {
    id,
    category: text(row.category),
    receivedAt: iso(row.receivedAt) ?? '',
    time: iso(row.time),
    cameraName: text(row.cameraName) || text(device.name) || text(row.clientIp),
    clientIp: text(row.clientIp),
    plate: text(row.plate) || text(row.plateNumber),
    plateGroup: text(row.plateGroup),
    description: text(row.alarmDescription) || text(row.description),
    images: storedImages(id, row),
  }
}

/** The query of `GET /api/search`, read from its URL; a bad time throws a `RangeError`. */
export function searchQuery(params: URLSearchParams): MonitorSearchQuery {
  const query: MonitorSearchQuery = {}
  for (const name of ['plate', 'category', 'camera'] as const) {
    const value = params.get(name)?.trim()
    if (value) query[name] = value
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
    rows.push(searchRow(row as Row))
  }
  return { rows, page: wanted, pageSize: PAGE_SIZE, more }
}
