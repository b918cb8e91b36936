import { parseArgs } from 'node:util'

/** What one `pnpm soak` run does. */
export interface SoakOptions {
  seconds: number
  cameras: number
  /** Events per second per device (each IPC event also brings its traject burst). */
  rate: number
  images: 'memory' | 'discard'
  /** Per-event delay of the consumer, ms: deliberately slow. */
  consumerDelayMs: number
  highWaterMark: number
  /** Seconds at the start left out of the RSS trend (heap and JIT settling). */
  warmupSeconds: number
  /** Largest RSS slope accepted after the warm-up, MiB per minute. */
  maxSlopeMibPerMin: number
  /** Results file, or null. */
  out: string | null
  seed: number
}

export const SOAK_USAGE = `Usage: pnpm soak [--seconds N] [--cameras N] [--rate R] [--images memory|discard]
                 [--consumer-delay MS] [--queue N] [--max-slope MIB_PER_MIN] [--out FILE]

  --seconds N          how long the cameras post (default 60)
  --cameras N          simulated devices, half cameras and half NVR channels (default 100)
  --rate R             events per second per device (default 0.5)
  --images MODE        the server's image mode (default memory)
  --consumer-delay MS  the consumer sleeps this long after every event (default 3)
  --queue N            the subscriber's queue length (default 32)
  --max-slope X        fail when RSS grows faster than X MiB/min after the warm-up (default 5)
  --out FILE           also write the figures as JSON
`

function number(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isFinite(value) || value < min)
    throw new TypeError(`--${name} must be a number ≥ ${min}, got ${text}`)
  return value
}

export function parseSoakArgs(argv: string[]): SoakOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string' },
      cameras: { type: 'string' },
      rate: { type: 'string' },
      images: { type: 'string' },
      'consumer-delay': { type: 'string' },
      queue: { type: 'string' },
      'max-slope': { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const images = values.images ?? 'memory'
  if (images !== 'memory' && images !== 'discard') {
    throw new TypeError(`--images must be memory or discard, got ${images}`)
  }
  const seconds = number('seconds', values.seconds, 60, 10)
  return {
    seconds,
    cameras: Math.round(number('cameras', values.cameras, 100, 1)),
    rate: number('rate', values.rate, 0.5, 0.01),
    images,
    consumerDelayMs: number('consumer-delay', values['consumer-delay'], 3, 0),
    highWaterMark: Math.round(number('queue', values.queue, 32, 1)),
    // A fifth of the run, at least 8 s (the queue fills and V8 sizes its heap in the first 6-8 s
    // of load) and at most 60 s.
    warmupSeconds: Math.min(60, Math.max(8, seconds / 5)),
    maxSlopeMibPerMin: number('max-slope', values['max-slope'], 5, 0),
    out: values.out ?? null,
    seed: Math.round(number('seed', values.seed, 1, 0)),
  }
}
