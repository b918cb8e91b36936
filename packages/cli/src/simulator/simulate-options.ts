import { EVENT_KINDS, type SimulatedEventKind } from './event-kinds.js'

/** Which devices to simulate: cameras posting directly, NVR channels, or both in turn. */
export type SimulateMode = 'ipc' | 'nvr' | 'mixed'

/**
 * Embedded images: `'real'` JPEGs at the sizes devices send (overviews of 1920×1080 and 1280×720,
 * 0.3–0.8 MB posts), `'small'` real JPEGs of a few dozen pixels (fast, for tests), or `'none'`.
 */
export type SimulateImages = 'real' | 'small' | 'none'

/** What the simulator has done so far; passed to `onProgress` after every post. */
export interface SimulateProgress {
  /** Posts completed so far, of every kind. */
  posts: number
  /** Posts answered `200` with the success XML so far. */
  acknowledged: number
  /** Posts refused, unanswered, or answered with anything else so far. */
  failed: number
  /** Request body bytes sent. */
  bytes: number
  /** Seconds since the first post. */
  seconds: number
}

/** Settings of {@link simulate}. Only `target` is required. */
export interface SimulateOptions {
  /** The server's URL, e.g. `http://127.0.0.1:5050/API`; a bare origin posts to `/API`. */
  target: string | URL
  /**
   * Devices to simulate. In `'mixed'` mode even-numbered ones are cameras posting directly and
   * odd-numbered ones are channels of one NVR.
   * @default 2
   */
  cameras?: number
  /** @default 'mixed' */
  mode?: SimulateMode
  /**
   * Events per second per camera. Each event also brings its traject burst (IPC, 6–12 posts/s
   * while the target moves) and alarm-status posts where the device sends them.
   * @default 1
   */
  rate?: number
  /** Stop starting events after this many seconds (the events under way finish). */
  duration?: number
  /**
   * Stop after this many events in total, over all cameras. Unset with `duration` unset: run until
   * `signal` aborts.
   */
  count?: number
  /** @default 'real' */
  images?: SimulateImages
  /**
   * Seeds everything that varies (plates, targets, burst rates, images), so two runs with the
   * same options send the same posts apart from timestamps.
   * @default 1
   */
  seed?: number
  /**
   * The detections to simulate; each camera cycles through them (NVR channels skip `entry` and
   * `exit`, which NVRs do not forward).
   * @default every kind
   */
  kinds?: SimulatedEventKind[]
  /**
   * Send traject bursts with IPC events.
   * @default true
   */
  traject?: boolean
  /**
   * Seconds between heartbeats (each device also sends one when it starts). Real cameras use
   * 30–120 s, NVRs about 10 s.
   * @default 30 for cameras, 10 for NVR channels
   */
  heartbeatSeconds?: number
  /**
   * Milliseconds to wait for a connection, the reply's headers or its body before a post counts
   * as failed.
   * @default 30000
   */
  timeout?: number
  /** Stops the simulation: no new post starts, the one in flight finishes or is cut off. */
  signal?: AbortSignal
  /** Called after every post (acknowledged or failed). */
  onProgress?: (progress: SimulateProgress) => void
}

/** {@link SimulateOptions} checked, with defaults filled in. */
export interface ResolvedSimulateOptions {
  target: URL
  /** Request path (with query) for IPC origin-form request lines and NVR absolute URLs. */
  path: string
  cameras: number
  mode: SimulateMode
  rate: number
  duration: number | null
  count: number | null
  images: SimulateImages
  seed: number
  kinds: readonly SimulatedEventKind[]
  traject: boolean
  heartbeatSeconds: number | null
  timeout: number
  signal: AbortSignal | undefined
  onProgress: ((progress: SimulateProgress) => void) | undefined
}

function check(ok: boolean, error: () => Error): void {
  if (!ok) throw error()
}

function positive(name: string, value: unknown, integer: boolean): void {
  check(typeof value === 'number', () => new TypeError(`${name} must be a number`))
  const n = value as number
  check(
    Number.isFinite(n) && n > 0 && (!integer || Number.isInteger(n)),
    () => new RangeError(`${name} must be ${integer ? 'an integer' : 'a number'} > 0, got ${n}`),
  )
}

/** Fills in defaults; a bad option throws a `TypeError`/`RangeError` whose message names it. */
export function resolveSimulateOptions(options: SimulateOptions): ResolvedSimulateOptions {
  check(
    typeof options === 'object' && options !== null,
    () => new TypeError('options must be an object'),
  )
  let target: URL
  try {
    target = new URL(options.target)
  } catch {
    throw new TypeError(`target must be an http:// or https:// URL, got ${String(options.target)}`)
  }
  check(
    target.protocol === 'http:' || target.protocol === 'https:',
    () => new TypeError(`target must be an http:// or https:// URL, got ${target.href}`),
  )
  const path = `${target.pathname === '/' ? '/API' : target.pathname}${target.search}`
  const cameras = options.cameras ?? 2
  positive('cameras', cameras, true)
  const mode = options.mode ?? 'mixed'
  check(
    ['ipc', 'nvr', 'mixed'].includes(mode),
    () => new RangeError(`mode must be 'ipc', 'nvr' or 'mixed', got ${String(mode)}`),
  )
  const rate = options.rate ?? 1
  positive('rate', rate, false)
  if (options.duration !== undefined) positive('duration', options.duration, false)
  if (options.count !== undefined) positive('count', options.count, true)
  const images = options.images ?? 'real'
  check(
    ['real', 'small', 'none'].includes(images),
    () => new RangeError(`images must be 'real', 'small' or 'none', got ${String(images)}`),
  )
  const seed = options.seed ?? 1
  check(Number.isInteger(seed), () => new RangeError(`seed must be an integer, got ${seed}`))
  const kinds = options.kinds ?? EVENT_KINDS
  check(
    Array.isArray(kinds) && kinds.length > 0 && kinds.every((k) => EVENT_KINDS.includes(k)),
    () => new RangeError(`kinds must list some of ${EVENT_KINDS.join(', ')}`),
  )
  if (options.heartbeatSeconds !== undefined) {
    positive('heartbeatSeconds', options.heartbeatSeconds, false)
  }
  const timeout = options.timeout ?? 30_000
  positive('timeout', timeout, false)
  check(
    options.signal === undefined || options.signal instanceof AbortSignal,
    () => new TypeError('signal must be an AbortSignal'),
  )
  return {
    target,
    path,
    cameras,
    mode,
    rate,
    duration: options.duration ?? null,
    count: options.count ?? null,
    images,
    seed,
    kinds,
    traject: options.traject ?? true,
    heartbeatSeconds: options.heartbeatSeconds ?? null,
    timeout,
    signal: options.signal,
    onProgress: options.onProgress,
  }
}
