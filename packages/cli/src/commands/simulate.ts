import { choiceOption, integerOption, parseCommandLine, positiveOption } from '../command-line.js'
import { helpText } from '../help.js'
import type { Io } from '../io.js'
import { formatProgress, formatSimulateSummary } from '../simulator/format-simulate-summary.js'
import { simulate } from '../simulator/simulate.js'
import type { SimulateOptions, SimulateProgress } from '../simulator/simulate-options.js'
import { reportUsage, UsageError } from '../usage-error.js'

const OPTIONS = {
  target: { type: 'string' },
  cameras: { type: 'string' },
  mode: { type: 'string' },
  rate: { type: 'string' },
  duration: { type: 'string' },
  count: { type: 'string' },
  images: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Reads the command line into simulator options (without `signal` and `onProgress`). */
function simulateOptions(args: string[]): SimulateOptions | null {
  const { values } = parseCommandLine(args, OPTIONS)
  if (values.help === true) return null
  if (values.target === undefined) throw new UsageError('--target URL is required')
  try {
    const url = new URL(values.target)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme')
  } catch {
    throw new UsageError(`--target must be an http:// or https:// URL, got '${values.target}'`)
  }
  if (values.duration !== undefined && values.count !== undefined) {
    throw new UsageError('give --duration or --count, not both')
  }
  const options: SimulateOptions = { target: values.target }
  if (values.cameras !== undefined)
    options.cameras = integerOption('cameras', values.cameras, 1, 1000)
  if (values.mode !== undefined)
    options.mode = choiceOption('mode', values.mode, ['ipc', 'nvr', 'mixed'])
  if (values.rate !== undefined) options.rate = positiveOption('rate', values.rate)
  if (values.duration !== undefined) options.duration = positiveOption('duration', values.duration)
  if (values.count !== undefined) options.count = integerOption('count', values.count, 1)
  if (values.images !== undefined)
    options.images = choiceOption('images', values.images, ['real', 'none'])
  if (values.seed !== undefined) options.seed = integerOption('seed', values.seed, 0)
  return options
}

/** Redraws one status line on a terminal, at most ten times a second. */
function progressLine(io: Io): { update(p: SimulateProgress): void; clear(): void } {
  if (io.stderr.isTTY !== true) return { update: () => undefined, clear: () => undefined }
  let last = 0
  let drawn = false
  return {
    update(p) {
      const now = performance.now()
      if (now - last < 100) return
      last = now
      drawn = true
      io.stderr.write(`\r${formatProgress(p)}\x1b[K`)
    },
    clear() {
      if (drawn) io.stderr.write('\r\x1b[K')
    },
  }
}

/**
 * `viewtron simulate --target URL …`: simulated cameras and NVR channels post to a server; prints
 * a summary. Exit code 0 when every post was acknowledged, 1 otherwise, 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  let options: SimulateOptions | null
  try {
    options = simulateOptions(args)
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, 'simulate', error)
    throw error
  }
  if (options === null) {
    io.stdout.write(helpText('simulate'))
    return 0
  }
  const progress = progressLine(io)
  const images = options.images ?? 'real'
  if (images === 'real' && io.stderr.isTTY === true) io.stderr.write('Encoding camera images…')
  const summary = await simulate({ ...options, signal: io.signal, onProgress: progress.update })
  progress.clear()
  io.stdout.write(formatSimulateSummary(summary))
  return summary.failed === 0 ? 0 : 1
}
