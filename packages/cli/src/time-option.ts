import { UsageError } from './usage-error.js'

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

/**
 * A point in time: a duration back from `now` (`90s`, `30m`, `2h`, `7d`, `1w`) or a date
 * (`2026-12-01`, `2026-12-01T08:30`, local time unless it says otherwise).
 */
export function timeOption(name: string, text: string, now = Date.now()): Date {
  const ago = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/.exec(text)
  if (ago !== null) return new Date(now - Number(ago[1]) * (UNIT_MS[ago[2] as string] as number))
  // A bare date means local midnight (Date.parse would read it as UTC).
  const local = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00` : text
  const ms = Date.parse(local)
  if (!/\d{4}/.test(text) || Number.isNaN(ms)) {
    throw new UsageError(`--${name} must be a duration such as 2h or 7d, or a date, got '${text}'`)
  }
  return new Date(ms)
}
