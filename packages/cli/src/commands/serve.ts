import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  EVENT_CATEGORIES,
  type EventCategory,
  type ViewtronEvent,
  ViewtronServer,
} from '@viewtron/core'
import { dropTraject, filter, pipe } from '@viewtron/helpers'
import { type Monitor, startMonitor } from '@viewtron/monitor'
import type { EventStore } from '@viewtron/store'
import { banner } from '../banner.js'
import { integerOption, listOption, parseCommandLine } from '../command-line.js'
import { formatClock } from '../format-event.js'
import { formatPresence, presenceJsonLine } from '../format-presence.js'
import { helpText } from '../help.js'
import { ImageSaver } from '../image-saver.js'
import type { Io } from '../io.js'
import {
  expandUiFlag,
  MONITOR_OPTIONS,
  type MonitorSettings,
  monitorSettings,
} from '../monitor-flags.js'
import {
  MQTT_SERVE_OPTIONS,
  type MqttServeSettings,
  mqttBannerLine,
  mqttServeSettings,
  startMqttBridge,
} from '../mqtt-bridge-options.js'
import { printEvents } from '../print-events.js'
import {
  openServeStore,
  STORE_OPTIONS,
  type StoreSettings,
  storeSettings,
  storeSummary,
} from '../serve-store.js'
import { formatServerSummary } from '../server-summary.js'
import { reportUsage, UsageError } from '../usage-error.js'

/** The monitor page, copied into this package at build time (no CDN, works offline). */
const MONITOR_PAGE = fileURLToPath(new URL('../monitor-web', import.meta.url))

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  json: { type: 'boolean' },
  'save-images': { type: 'string' },
  'no-traject': { type: 'boolean' },
  categories: { type: 'string' },
  ...MONITOR_OPTIONS,
  'offline-after': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...STORE_OPTIONS,
  ...MQTT_SERVE_OPTIONS,
} as const

interface ServeSettings {
  port: number
  host: string | undefined
  json: boolean
  saveDir: string | null
  traject: boolean
  categories: EventCategory[] | null
  monitor: MonitorSettings | null
  store: StoreSettings | null
  mqtt: MqttServeSettings | null
  /** Silence after which a device is reported offline, in milliseconds. */
  offlineAfterMs: number
}

function serveSettings(args: string[]): ServeSettings | null {
  const { values } = parseCommandLine(expandUiFlag(args), OPTIONS)
  if (values.help === true) return null
  if (values.host === '') throw new UsageError('--host needs an address')
  if (values['save-images'] === '') throw new UsageError('--save-images needs a folder')
  return {
    port: values.port === undefined ? 5050 : integerOption('port', values.port, 0, 65535),
    host: values.host,
    json: values.json === true,
    saveDir: values['save-images'] === undefined ? null : resolve(values['save-images']),
    traject: values['no-traject'] !== true,
    categories:
      values.categories === undefined
        ? null
        : listOption('categories', values.categories, EVENT_CATEGORIES),
    monitor: monitorSettings(values, process.env),
    store: storeSettings(values),
    mqtt: mqttServeSettings(values, process.env),
    offlineAfterMs:
      values['offline-after'] === undefined
        ? 90_000
        : integerOption('offline-after', values['offline-after'], 1, 2_147_483) * 1000,
  }
}

/**
 * The events to print: `--no-traject` drops tracking posts first (they are the bulk of the
 * traffic), `--categories` keeps the listed ones. Images of events left out are deleted, so the
 * folder holds only what was printed.
 */
function selectedEvents(
  source: AsyncIterable<ViewtronEvent>,
  settings: ServeSettings,
  saver: ImageSaver | null,
): AsyncIterable<ViewtronEvent> {
  let events = settings.traject ? source : pipe(source, dropTraject())
  const wanted = settings.categories === null ? null : new Set(settings.categories)
  if (wanted !== null) {
    events = pipe(
      events,
      filter(async (event: ViewtronEvent) => {
        if (wanted.has(event.category)) return true
        await saver?.discard(event)
        return false
      }),
    )
  }
  return events
}

/**
 * `viewtron serve`: receives posts from cameras and NVRs and prints one line (or one JSON
 * object) per event until Ctrl-C, then a summary. Exit code 0 after a clean stop, 1 when the
 * server cannot start, 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  let settings: ServeSettings | null
  try {
    settings = serveSettings(args)
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, 'serve', error)
    throw error
  }
  if (settings === null) {
    io.stdout.write(helpText('serve'))
    return 0
  }
  // With --json, stdout carries only events, so the banner and summary go to stderr.
  const { json } = settings
  const notes = json ? io.stderr : io.stdout
  const saver = settings.saveDir === null ? null : new ImageSaver(settings.saveDir)
  if (settings.saveDir !== null) await mkdir(settings.saveDir, { recursive: true })
  let store: EventStore | null = null
  if (settings.store !== null) {
    try {
      store = await openServeStore(settings.store)
    } catch (error) {
      io.stderr.write(
        `viewtron serve: cannot open ${settings.store.path}: ${(error as Error).message}\n`,
      )
      return 1
    }
  }
  const server = new ViewtronServer({
    port: settings.port,
    host: settings.host,
    // Streamed to disk as each post arrives (flat memory), kept in memory for the store, the
    // monitor's bounded image cache and the MQTT bridge (held until the broker has them), or only
    // counted.
    images:
      settings.saveDir !== null
        ? { dir: settings.saveDir }
        : store !== null || settings.monitor !== null || settings.mqtt !== null
          ? 'memory'
          : 'discard',
    onUnparsed: (info) => {
      io.stderr.write(
        `${formatClock(new Date())}  ${info.clientIp}  unparsed  ${info.reason}: ${info.detail}\n`,
      )
    },
    onError: (error) => io.stderr.write(`viewtron: ${error.message}\n`),
    offlineAfterMs: settings.offlineAfterMs,
    // Presence changes share stdout with the events: they are what an installer watches for.
    onPresence: (camera, online) => {
      const at = new Date()
      const line = json ? presenceJsonLine(camera, online, at) : formatPresence(camera, online, at)
      io.stdout.write(`${line}\n`)
    },
  })
  // Each post is acknowledged only once the broker has every message of its event (or refused).
  const bridge = settings.mqtt === null ? null : startMqttBridge(settings.mqtt, server, io)
  // Each post is acknowledged only once the store has committed it (or refused with 503).
  store?.attach(server)
  let monitor: Monitor | null = null
  if (settings.monitor !== null) {
    try {
      monitor = await startMonitor({
        ...settings.monitor,
        webRoot: MONITOR_PAGE,
        offlineAfterMs: settings.offlineAfterMs,
        ...(store === null ? {} : { store }),
      })
    } catch (error) {
      await server.shutdown()
      await bridge?.close()
      await store?.close()
      const code = (error as NodeJS.ErrnoException).code
      const reason =
        code === 'EADDRINUSE'
          ? `port ${settings.monitor.port} is already in use (choose another with --ui PORT)`
          : (error as Error).message
      io.stderr.write(`viewtron serve: cannot start the monitor: ${reason}\n`)
      return 1
    }
    // Attached before listening, so the page sees the very first post.
    monitor.attach(server)
  }
  const events = server.events()
  let url: string
  try {
    const info = await server.listen()
    url = info.urls[0] ?? `http://${info.host}:${info.port}`
  } catch (error) {
    await server.shutdown()
    await monitor?.close()
    await bridge?.close()
    await store?.close()
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'EADDRINUSE'
        ? `port ${settings.port} is already in use (choose another with --port)`
        : (error as Error).message
    io.stderr.write(`viewtron serve: cannot listen: ${reason}\n`)
    return 1
  }
  notes.write(banner(url))
  if (monitor !== null) notes.write(`Monitor on ${monitor.url}\n\n`)
  if (bridge !== null && settings.mqtt !== null) notes.write(mqttBannerLine(settings.mqtt, bridge))
  const stop = (): void => {
    void server.shutdown()
  }
  let storeLine = ''
  io.signal.addEventListener('abort', stop, { once: true })
  if (io.signal.aborted) stop()
  try {
    await printEvents(selectedEvents(events, settings, saver), { json: settings.json, saver }, io)
  } finally {
    io.signal.removeEventListener('abort', stop)
    await server.shutdown()
    await monitor?.close()
    await bridge?.close()
    // Every handler has returned, so every acknowledged post is committed by now.
    storeLine = store === null ? '' : storeSummary(store)
    await store?.close()
  }
  const saved = saver === null ? null : { count: saver.count, dir: saver.dir }
  notes.write(`\n${formatServerSummary(server.stats(), server.cameras, saved)}`)
  notes.write(storeLine)
  return 0
}
