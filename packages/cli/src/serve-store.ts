import { resolve } from 'node:path'
import { type EventStore, openEventStore } from '@viewtron/store'
import { positiveOption } from './command-line.js'
import { formatBytes } from './format-bytes.js'
import { sizeOption } from './size-option.js'
import { UsageError } from './usage-error.js'

/** `serve`'s options for the event store. */
export const STORE_OPTIONS = {
  db: { type: 'string' },
  'images-dir': { type: 'string' },
  'keep-days': { type: 'string' },
  'keep-bytes': { type: 'string' },
} as const

/** What `--db` and its companions asked for; `null` without `--db`. */
export interface StoreSettings {
  path: string
  imagesDir: string | undefined
  days: number | undefined
  maxBytes: number | undefined
}

/** Reads `--db`, `--images-dir`, `--keep-days` and `--keep-bytes`. */
export function storeSettings(values: {
  db?: string | undefined
  'images-dir'?: string | undefined
  'keep-days'?: string | undefined
  'keep-bytes'?: string | undefined
}): StoreSettings | null {
  if (values.db === undefined) {
    for (const name of ['images-dir', 'keep-days', 'keep-bytes'] as const) {
      if (values[name] !== undefined) throw new UsageError(`--${name} needs --db`)
    }
    return null
  }
  if (values.db === '') throw new UsageError('--db needs a file name')
  if (values['images-dir'] === '') throw new UsageError('--images-dir needs a folder')
  return {
    path: resolve(values.db),
    imagesDir: values['images-dir'] === undefined ? undefined : resolve(values['images-dir']),
    days:
      values['keep-days'] === undefined
        ? undefined
        : positiveOption('keep-days', values['keep-days']),
    maxBytes:
      values['keep-bytes'] === undefined
        ? undefined
        : sizeOption('keep-bytes', values['keep-bytes']),
  }
}

/** Opens the store `serve --db` writes to. */
export function openServeStore(settings: StoreSettings): Promise<EventStore> {
  return openEventStore({
    path: settings.path,
    imagesDir: settings.imagesDir,
    retention: { days: settings.days, maxBytes: settings.maxBytes },
  })
}

/** The summary's line about the store. */
export function storeSummary(store: EventStore): string {
  const stats = store.stats()
  return `Stored: ${stats.events} events in ${store.path} (${formatBytes(stats.bytes.total)}), ${stats.refused} refused\n`
}
