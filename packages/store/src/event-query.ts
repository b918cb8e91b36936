import type Database from 'better-sqlite3'
import { type EventRow, type ImageRow, storedEvent } from './event-row.js'
import { NOTHING, type ResolvedFind } from './find-options.js'
import { withinOneEdit } from './plate-text.js'
import type { PlateMatch, StoredEvent } from './stored-event.js'

/** Rows read per query while paging through results. */
const PAGE = 200
/**
 * Trigram matches read per batch (newest first): a common half of a plate can match most rows, so
 * candidates are taken in bounded batches until the page is full or the matches run out (the
 * other filters apply to every batch, so an old match under a narrow filter is still found).
 */
const CANDIDATE_BATCH = 20_000

/** One batch of trigram matches, newest first, below the rowid `@before`. */
const TRIGRAM_BATCH =
  'SELECT rowid AS id FROM plate_trigrams WHERE plate_trigrams MATCH @fts AND rowid < @before ORDER BY rowid DESC LIMIT @candidates'

/** A phrase for FTS5: quoted, quotes doubled. */
const phrase = (text: string): string => `"${text.replaceAll('"', '""')}"`

/** The text just after every text that starts with `prefix` (for an index range). */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1)
  return prefix.slice(0, -1) + String.fromCharCode(last + 1)
}

/** One rank of a plate search: extra conditions and how its rows are ordered. */
interface Tier {
  match: PlateMatch
  /** Condition on `e`; `fts` tiers also join the trigram table on `@fts`. */
  where: string
  /** The plate index the tier reads (tiers without `fts`). */
  index?: 'events_plate_norm' | 'events_plate_fold'
  fts?: string
  /** Verifies a candidate in JS (near matches). */
  accept?: (plateFold: string) => boolean
}

/** A plate tier ready to run: its statement and parameters. */
export interface PlateTier {
  tier: Tier
  sql: string
  params: Record<string, string | number>
}

/** Reads events: `find` (paged, ranked for plates) and `get`. */
export class EventQuery {
  readonly #db: Database.Database
  readonly #imagePath: (file: string) => string
  readonly #images: Database.Statement
  readonly #one: Database.Statement
  readonly #byIds: Database.Statement
  readonly #batch: number

  /** @param candidateBatch trigram matches read per batch (smaller only in tests) */
  constructor(
    db: Database.Database,
    imagePath: (file: string) => string,
    candidateBatch = CANDIDATE_BATCH,
  ) {
    this.#db = db
    this.#imagePath = imagePath
    this.#batch = candidateBatch
    this.#images = db.prepare(
      'SELECT event_id, role, file, bytes, width, height FROM images WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
    this.#one = db.prepare('SELECT * FROM events WHERE id = ?')
    this.#byIds = db.prepare('SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?))')
  }

  /**
   * Rows of a trigram tier: candidates read as (id, plate) only, checked in JS, and only the
   * ones kept read in full (their JSON is most of a row).
   */
  #candidates(
    { tier, sql, params }: PlateTier,
    seen: ReadonlySet<number>,
    left: number,
  ): EventRow[] {
    const select = this.#db.prepare(sql)
    const lowest = this.#db.prepare(`SELECT min(id) AS id FROM (${TRIGRAM_BATCH})`)
    const ids: number[] = []
    let before = Number.MAX_SAFE_INTEGER
    while (ids.length < left) {
      const batch = { ...params, candidates: this.#batch, before }
      for (const row of select.all(batch) as { id: number; plate_fold: string }[]) {
        if (ids.length >= left) break
        if (seen.has(row.id)) continue
        if (tier.accept !== undefined && !tier.accept(row.plate_fold)) continue
        ids.push(row.id)
      }
      const last = (lowest.get(batch) as { id: number | null }).id
      if (last === null) break
      before = last
    }
    if (ids.length === 0) return []
    const byId = new Map(
      (this.#byIds.all(JSON.stringify(ids)) as EventRow[]).map((row) => [row.id, row]),
    )
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /** One event with its images, or `null`. */
  get(id: number): StoredEvent | null {
    const row = this.#one.get(id) as EventRow | undefined
    return row === undefined ? null : (this.#withImages([row])[0] ?? null)
  }

  /** Every matching row, newest first (or ranked, with a plate), in pages. */
  *find(query: ResolvedFind): Generator<StoredEvent> {
    if (query.plate === null) yield* this.#newest(query)
    else yield* this.#plate(query, query.plate)
  }

  #withImages(rows: EventRow[], match?: PlateMatch): StoredEvent[] {
    if (rows.length === 0) return []
    const images = this.#images.all(JSON.stringify(rows.map((row) => row.id))) as ImageRow[]
    const byEvent = new Map<number, ImageRow[]>()
    for (const image of images) {
      const list = byEvent.get(image.event_id)
      if (list === undefined) byEvent.set(image.event_id, [image])
      else list.push(image)
    }
    return rows.map((row) => {
      const event = storedEvent(row, byEvent.get(row.id) ?? [], this.#imagePath)
      if (match !== undefined) event.match = match
      return event
    })
  }

  *#newest(query: ResolvedFind): Generator<StoredEvent> {
    const where = [...query.conditions]
    const paged = this.#db.prepare(
      `SELECT e.* FROM events e WHERE ${[...where, '(e.received_at < @at OR (e.received_at = @at AND e.id < @id))'].join(' AND ')}
       ORDER BY e.received_at DESC, e.id DESC LIMIT @page`,
    )
    let left = query.limit
    let at = Number.MAX_SAFE_INTEGER
    let id = Number.MAX_SAFE_INTEGER
    while (left > 0) {
      const page = Math.min(PAGE, left)
      const rows = paged.all({ ...query.params, at, id, page }) as EventRow[]
      yield* this.#withImages(rows)
      left -= rows.length
      const last = rows.at(-1)
      if (last === undefined || rows.length < page) return
      at = last.received_at
      id = last.id
    }
  }

  /**
   * @internal The statements of a plate search, one per tier. Each reads its plate index (or
   * the trigram table first): left to itself, SQLite may pick the category, camera or time
   * index of the other filters and read every row they match.
   */
  plateTiers(query: ResolvedFind, plate: { norm: string; fold: string }): PlateTier[] {
    // An empty category list is a constant-false condition, which INDEXED BY cannot plan.
    if (query.conditions.includes(NOTHING)) return []
    const { norm, fold } = plate
    const tiers: Tier[] = [
      { match: 'exact', where: 'e.plate_norm = @norm', index: 'events_plate_norm' },
      {
        match: 'confusion',
        where: 'e.plate_fold = @fold AND e.plate_norm <> @norm',
        index: 'events_plate_fold',
      },
      {
        match: 'prefix',
        where: 'e.plate_fold > @fold AND e.plate_fold < @foldEnd',
        index: 'events_plate_fold',
      },
    ]
    if (fold.length >= 3) {
      tiers.push({
        match: 'substring',
        where: 'NOT (e.plate_fold >= @fold AND e.plate_fold < @foldEnd)',
        fts: phrase(fold),
      })
    }
    // One edit leaves one half of the query intact, so a near match contains either half.
    const half = Math.floor(fold.length / 2)
    if (fold.length >= 6) {
      tiers.push({
        match: 'near',
        where: 'instr(e.plate_fold, @fold) = 0',
        fts: `${phrase(fold.slice(0, half))} OR ${phrase(fold.slice(half))}`,
        accept: (candidate) => withinOneEdit(fold, candidate, false),
      })
    }
    const params = { ...query.params, norm, fold, foldEnd: prefixEnd(fold) }
    return tiers.map((tier) => {
      const where = [...query.conditions, tier.where, 'e.plate_fold IS NOT NULL'].join(' AND ')
      if (tier.fts === undefined) {
        return {
          tier,
          sql: `SELECT e.* FROM events e INDEXED BY ${tier.index} WHERE ${where} ORDER BY e.received_at DESC, e.id DESC LIMIT @limit`,
          params,
        }
      }
      // CROSS JOIN keeps the trigram matches the outer loop, each event read by its rowid.
      return {
        tier,
        sql: `SELECT e.id, e.plate_fold FROM (${TRIGRAM_BATCH}) t
         CROSS JOIN events e ON e.id = t.id WHERE ${where} ORDER BY e.received_at DESC, e.id DESC`,
        params: {
          ...params,
          fts: tier.fts,
          candidates: this.#batch,
          before: Number.MAX_SAFE_INTEGER,
        },
      }
    })
  }

  *#plate(query: ResolvedFind, plate: { norm: string; fold: string }): Generator<StoredEvent> {
    const seen = new Set<number>()
    let left = query.limit
    for (const planned of this.plateTiers(query, plate)) {
      if (left <= 0) return
      const kept =
        planned.tier.fts === undefined
          ? (
              this.#db
                .prepare(planned.sql)
                .all({ ...planned.params, limit: Math.min(left, 1e9) }) as EventRow[]
            )
              .filter((row) => !seen.has(row.id))
              .slice(0, left)
          : this.#candidates(planned, seen, left)
      for (const row of kept) seen.add(row.id)
      for (let start = 0; start < kept.length; start += PAGE) {
        yield* this.#withImages(kept.slice(start, start + PAGE), planned.tier.match)
      }
      left -= kept.length
    }
  }
}
