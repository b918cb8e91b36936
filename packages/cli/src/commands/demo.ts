import { mkdir } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { EVENT_CATEGORIES, ViewtronServer } from '@viewtron/core'
import { banner } from '../banner.js'
import { parseCommandLine, positiveOption } from '../command-line.js'
import { formatDemoSummary } from '../demo-summary.js'
import { helpText } from '../help.js'
import { ImageSaver } from '../image-saver.js'
import type { Io } from '../io.js'
import { printEvents } from '../print-events.js'
import { simulate } from '../simulator/simulate.js'
import { reportUsage, UsageError } from '../usage-error.js'

const OPTIONS = {
  out: { type: 'string' },
  seconds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Two cameras and two NVR channels: both layouts, all three heartbeat shapes. */
const DEVICES = 4
/** Events each device needs to cover its layout's kinds (9 camera kinds over 2 cameras). */
const EVENTS_PER_DEVICE = 5

/**
 * The event rate that fits every device's share of the kinds into the run: one a second when
 * there is time, faster for a short run (the first event starts 0.3 s in, devices are staggered).
 */
function demoRate(seconds: number): number {
  const interval = Math.min(1000, (seconds * 1000 - 400) / EVENTS_PER_DEVICE)
  return 1000 / interval
}

/**
 * `viewtron demo`: a server on a free local port, simulated cameras and NVR channels posting
 * every event type to it for a few seconds, events printed as `serve` prints them, images saved
 * as JPEG files, and a summary table. Exit code 0 when every post was acknowledged and every
 * category arrived, 1 otherwise, 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  let out: string
  let seconds: number
  try {
    const { values } = parseCommandLine(args, OPTIONS)
    if (values.help === true) {
      io.stdout.write(helpText('demo'))
      return 0
    }
    if (values.out === '') throw new UsageError('--out needs a folder')
    out = resolve(values.out ?? 'captures')
    seconds = values.seconds === undefined ? 5 : positiveOption('seconds', values.seconds)
    if (seconds < 1) throw new UsageError(`--seconds must be at least 1, got '${values.seconds}'`)
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, 'demo', error)
    throw error
  }
  const shownDir = relative(process.cwd(), out).startsWith('..')
    ? out
    : `./${relative(process.cwd(), out)}`
  await mkdir(out, { recursive: true })
  const saver = new ImageSaver(out)
  const server = new ViewtronServer({
    port: 0,
    host: '127.0.0.1',
    images: { dir: out },
    onUnparsed: (info) => io.stderr.write(`unparsed post: ${info.reason}: ${info.detail}\n`),
    onError: (error) => io.stderr.write(`viewtron: ${error.message}\n`),
  })
  const events = server.events()
  const { port } = await server.listen()
  const url = `http://127.0.0.1:${port}`
  io.stdout.write(banner(url))
  io.stdout.write(
    `Demo: 2 cameras and 2 NVR channels send every event type for ${seconds} s; images go to ${shownDir}\n`,
  )
  io.stdout.write('Encoding camera images (takes a few seconds)...\n\n')
  const printing = printEvents(events, { json: false, saver }, io)
  let sent: Awaited<ReturnType<typeof simulate>>
  try {
    sent = await simulate({
      target: `${url}/API`,
      cameras: DEVICES,
      mode: 'mixed',
      duration: seconds,
      rate: demoRate(seconds),
      images: 'real',
      signal: io.signal,
    })
  } finally {
    await server.shutdown()
  }
  const tally = await printing
  io.stdout.write(formatDemoSummary(tally, server.stats(), sent, shownDir))
  const missing = EVENT_CATEGORIES.filter((c) => tally.events[c] === 0)
  if (sent.failed > 0 || missing.length > 0) {
    const why = sent.failed > 0 ? `${sent.failed} posts failed` : `no ${missing.join(', ')} events`
    io.stderr.write(`viewtron demo: ${why}\n`)
    return 1
  }
  io.stdout.write(
    `\nNext: point a camera at 'viewtron serve' (see the README), or run 'viewtron simulate --help'.\n`,
  )
  return 0
}
