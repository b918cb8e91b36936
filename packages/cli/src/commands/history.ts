import { existsSync } from 'node:fs'
import { EVENT_CATEGORIES, type EventCategory } from '@viewtron/core'
import { type FindOptions, openEventStore, type StoredEvent } from '@viewtron/store'
import { integerOption, listOption, parseCommandLine } from '../command-line.js'
import { helpText } from '../help.js'
import { csvHeader, csvLine, formatStoreStats, historyTable } from '../history-rows.js'
import type { Io } from '../io.js'
import { timeOption } from '../time-option.js'
import { reportUsage, UsageError } from '../usage-error.js'

const OPTIONS = {
  db: { type: 'string' },
  'images-dir': { type: 'string' },
  plate: { type: 'string' },
  category: { type: 'string' },
  camera: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  stats: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

interface HistorySettings {
  db: string
  imagesDir: string | undefined
  find: FindOptions
  output: 'table' | 'json' | 'csv'
  stats: boolean
}

function historySettings(args: string[]): HistorySettings | null {
  const { values } = parseCommandLine(args, OPTIONS)
  if (values.help === true) return null
  if (values.db === undefined || values.db === '') throw new UsageError('--db FILE is required')
  if (values.json === true && values.csv === true) {
    throw new UsageError('choose one of --json and --csv')
  }
  const find: FindOptions = {
    limit: values.limit === undefined ? 100 : integerOption('limit', values.limit, 1),
  }
  if (values.plate !== undefined) {
    if (!/[\p{L}\p{N}]/u.test(values.plate)) throw new UsageError('--plate needs letters or digits')
    find.plate = values.plate
  }
  if (values.category !== undefined) {
    find.category = listOption('category', values.category, EVENT_CATEGORIES) as EventCategory[]
  }
  if (values.camera !== undefined) {
    if (values.camera === '') throw new UsageError('--camera needs a name, MAC or IP')
    find.camera = values.camera
  }
  if (values.since !== undefined) find.since = timeOption('since', values.since)
  if (values.until !== undefined) find.until = timeOption('until', values.until)
  return {
    db: values.db,
    imagesDir: values['images-dir'] || undefined,
    find,
    output: values.json === true ? 'json' : values.csv === true ? 'csv' : 'table',
    stats: values.stats === true,
  }
}

/**
 * `viewtron history`: prints stored events (a table, JSON lines or CSV) or the store's
 * `--stats`, then exits. Opens the database read-only, so it runs beside a `serve --db` that is
 * writing. Exit code 0, 1 when the database cannot be read, 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  let settings: HistorySettings | null
  try {
    settings = historySettings(args)
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, 'history', error)
    throw error
  }
  if (settings === null) {
    io.stdout.write(helpText('history'))
    return 0
  }
  if (!existsSync(settings.db)) {
    io.stderr.write(`viewtron history: no event store at ${settings.db}\n`)
    return 1
  }
  let store: Awaited<ReturnType<typeof openEventStore>>
  try {
    store = await openEventStore({
      path: settings.db,
      imagesDir: settings.imagesDir,
      readonly: true,
    })
  } catch (error) {
    io.stderr.write(`viewtron history: cannot read ${settings.db}: ${(error as Error).message}\n`)
    return 1
  }
  try {
    if (settings.stats) {
      const stats = store.stats()
      io.stdout.write(
        settings.output === 'json' ? `${JSON.stringify(stats)}\n` : formatStoreStats(stats),
      )
      return 0
    }
    const rows: StoredEvent[] = []
    if (settings.output === 'csv') io.stdout.write(csvHeader())
    for await (const row of store.find(settings.find)) {
      if (settings.output === 'json') io.stdout.write(`${JSON.stringify(row)}\n`)
      else if (settings.output === 'csv') io.stdout.write(csvLine(row))
      else rows.push(row)
    }
    if (settings.output === 'table') {
      io.stdout.write(rows.length === 0 ? 'no events match\n' : historyTable(rows))
    }
    return 0
  } finally {
    await store.close()
  }
}
