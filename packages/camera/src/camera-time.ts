import { parsePosixTimeZone, posixOffsetAt } from './posix-time-zone.js'

/** The camera's time zone: turns instants into its wall-clock time and back. */
export interface CameraTimeZone {
  /** As given: an IANA name (`America/New_York`) or the camera's POSIX string (`CST-8`). */
  readonly name: string
  /** Minutes east of UTC at the instant `utcMs`. */
  offsetMinutes(utcMs: number): number
}

/**
 * The zone named by `spec`: a name `Intl` knows (IANA names, and POSIX-style legacy names such
 * as `EST5EDT`) is used as such, with its full history; otherwise `spec` is read as a POSIX `TZ`
 * rule (`CST-8`, `EST5EDT,M3.2.0,M11.1.0`, `CET-1CEST`). Throws a `RangeError` for anything else.
 */
export function cameraTimeZone(spec: string): CameraTimeZone {
  const name = spec.trim()
  const intl = intlZone(name)
  if (intl !== null) return intl
  const posix = parsePosixTimeZone(name)
  if (posix === null) throw new RangeError(`unknown time zone '${spec}'`)
  return { name, offsetMinutes: (utcMs) => posixOffsetAt(posix, utcMs) }
}

function intlZone(name: string): CameraTimeZone | null {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
  } catch {
    return null
  }
  return {
    name,
    offsetMinutes(utcMs) {
      const parts: Record<string, number> = {}
      for (const part of format.formatToParts(utcMs)) parts[part.type] = Number(part.value)
      const wall = Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        parts.hour ?? 0,
        parts.minute ?? 0,
        parts.second ?? 0,
      )
      return Math.round((wall - (utcMs - (utcMs % 1000))) / 60_000)
    },
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** `date` as the camera's wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
export function formatCameraTime(date: Date, zone: CameraTimeZone): string {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date')
  const wall = new Date(ms + zone.offsetMinutes(ms) * 60_000)
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
  )
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

/** Wall-clock text (`YYYY-MM-DD[ HH:MM[:SS]]`) as the fields of a UTC date, or `null`. */
function wallMs(text: string): number | null {
  const m = WALL.exec(text.trim())
  if (m === null) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[]
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)
  const back = new Date(ms)
  // Rejects 2026-02-30 and 25:00, which Date.UTC would roll over.
  if (
    back.getUTCMonth() !== mo! - 1 ||
    back.getUTCDate() !== d! ||
    h! > 23 ||
    mi! > 59 ||
    s! > 59
  ) {
    return null
  }
  return ms
}

/** The instant the camera's wall-clock `text` stands for, or `null` when it is not a time. */
export function parseCameraTime(text: string, zone: CameraTimeZone): Date | null {
  const wall = wallMs(text)
  if (wall === null) return null
  // The offset at the wall time read as standard time, checked once more across a transition.
  let offset = zone.offsetMinutes(wall - zone.offsetMinutes(wall) * 60_000)
  offset = zone.offsetMinutes(wall - offset * 60_000)
  return new Date(wall - offset * 60_000)
}

/** A time as given to the library: an instant, or the camera's own wall-clock text. */
export type CameraTimeInput = Date | string

/**
 * The camera's text for a time: a `Date` (or an ISO string with `Z` or an offset) in the camera's
 * zone; `YYYY-MM-DD[ HH:MM[:SS]]` is already the camera's wall clock and is only completed.
 * Throws a `RangeError` for anything else.
 */
export function cameraTimeText(value: CameraTimeInput, zone: CameraTimeZone | null): string {
  if (value instanceof Date) return formatCameraTime(value, zoneFor(value, zone))
  const text = value.trim()
  const wall = wallMs(text)
  if (wall !== null) return new Date(wall).toISOString().slice(0, 19).replace('T', ' ')
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const date = new Date(text)
    if (Number.isFinite(date.getTime())) return formatCameraTime(date, zoneFor(value, zone))
  }
  throw new RangeError(
    `'${value}' is not a time: use a Date, an ISO time with a zone, or 'YYYY-MM-DD HH:MM:SS'`,
  )
}

/** True when the value needs the camera's zone to be written. */
export function needsZone(value: CameraTimeInput): boolean {
  return value instanceof Date || wallMs(value) === null
}

function zoneFor(value: CameraTimeInput, zone: CameraTimeZone | null): CameraTimeZone {
  if (zone === null)
    throw new TypeError(`the camera's time zone is needed to write ${String(value)}`)
  return zone
}

/** Throws a `RangeError` unless `value` is a time {@link cameraTimeText} can write. */
export function checkCameraTime(value: unknown, what: string): CameraTimeInput {
  if (value instanceof Date) {
    if (Number.isFinite(value.getTime())) return value
  } else if (typeof value === 'string') {
    try {
      // A stand-in zone: only the text's form is checked here.
      cameraTimeText(value, UTC)
      return value
    } catch {}
  }
  throw new RangeError(
    `${what}: ${JSON.stringify(value)} is not a time (a Date, an ISO time with a zone, or 'YYYY-MM-DD HH:MM:SS')`,
  )
}

const UTC: CameraTimeZone = { name: 'UTC', offsetMinutes: () => 0 }
