/**
 * A POSIX `TZ` string as cameras report it (`CST-8`, `EST5EDT`, `EST5EDT,M3.2.0,M11.1.0`,
 * `<+0530>-5:30`): offsets are hours *west* of UTC, and a DST name may come with or without
 * its rule.
 */
export interface PosixTimeZone {
  /** Minutes east of UTC in standard time (`CST-8` → 480). */
  standard: number
  /** Minutes east of UTC in daylight time, or `null` without DST. */
  daylight: number | null
  /** When daylight time starts and ends, in local wall time. */
  rule: { start: TransitionDay; end: TransitionDay } | null
}

/** A transition: a day of the year and a time of day in seconds (may be negative or past 24 h). */
export interface TransitionDay {
  /** `M`: month, week (5 = last), weekday; `J`: day 1–365 never counting 29 Feb; `N`: 0–365. */
  form: 'M' | 'J' | 'N'
  month: number
  week: number
  weekday: number
  day: number
  seconds: number
}

// The rule a bare `XXXnYYY` implies, by the DST name: firmware writes `CET-1CEST` as readily as
// `EST5EDT`, and POSIX leaves the default to the system (usually the US rule).
const DEFAULT_RULES: Record<string, string> = {
  CEST: 'M3.5.0,M10.5.0/3',
  MEST: 'M3.5.0,M10.5.0/3',
  EEST: 'M3.5.0/3,M10.5.0/4',
  WEST: 'M3.5.0/1,M10.5.0',
  BST: 'M3.5.0/1,M10.5.0',
  IST: 'M3.5.0/1,M10.5.0',
  AEDT: 'M10.1.0,M4.1.0/3',
  ACDT: 'M10.1.0,M4.1.0/3',
  NZDT: 'M9.5.0,M4.1.0/3',
}
const US_RULE = 'M3.2.0,M11.1.0'

const NAME = /^(?:<([+\-\w]+)>|([A-Za-z]{3,}))/
const OFFSET = /^([+-]?)(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?/

/** Parses a POSIX `TZ` string, or returns `null` when it is not one. */
export function parsePosixTimeZone(spec: string): PosixTimeZone | null {
  let rest = spec.trim()
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest)
    if (match !== null) rest = rest.slice(match[0].length)
    return match
  }
  if (take(NAME) === null) return null
  const std = take(OFFSET)
  if (std === null) return null
  const standard = -offsetSeconds(std) / 60
  const dstName = take(NAME)
  if (dstName === null) return rest === '' ? { standard, daylight: null, rule: null } : null
  const dstOffset = take(OFFSET)
  const daylight = dstOffset === null ? standard + 60 : -offsetSeconds(dstOffset) / 60
  let ruleText = rest.startsWith(',') ? rest.slice(1) : null
  if (ruleText === null) {
    if (rest !== '') return null
    ruleText = DEFAULT_RULES[(dstName[1] ?? dstName[2] ?? '').toUpperCase()] ?? US_RULE
  }
  const [startText, endText, extra] = ruleText.split(',')
  if (startText === undefined || endText === undefined || extra !== undefined) return null
  const start = parseTransition(startText)
  const end = parseTransition(endText)
  if (start === null || end === null) return null
  return { standard, daylight, rule: { start, end } }
}

function offsetSeconds(match: RegExpExecArray): number {
  const [, sign, h, m, s] = match
  const seconds = Number(h) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)
  return sign === '-' ? -seconds : seconds
}

function parseTransition(text: string): TransitionDay | null {
  const [date, time] = text.split('/')
  let seconds = 7200
  if (time !== undefined) {
    const match = /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?$/.exec(time)
    if (match === null) return null
    seconds = offsetSeconds(match)
  }
  const base = { month: 0, week: 0, weekday: 0, day: 0, seconds }
  const m = /^M(\d{1,2})\.(\d)\.(\d)$/.exec(date ?? '')
  if (m !== null) {
    const [month, week, weekday] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (month < 1 || month > 12 || week < 1 || week > 5 || weekday > 6) return null
    return { ...base, form: 'M', month, week, weekday }
  }
  const j = /^(J?)(\d{1,3})$/.exec(date ?? '')
  if (j === null) return null
  const day = Number(j[2])
  if (j[1] === 'J' ? day < 1 || day > 365 : day > 365) return null
  return { ...base, form: j[1] === 'J' ? 'J' : 'N', day }
}

/** Minutes east of UTC at `utcMs` under `zone`. */
export function posixOffsetAt(zone: PosixTimeZone, utcMs: number): number {
  if (zone.daylight === null || zone.rule === null) return zone.standard
  const year = new Date(utcMs + zone.standard * 60_000).getUTCFullYear()
  // The start is written in standard wall time, the end in daylight wall time.
  const start = transitionMs(zone.rule.start, year) - zone.standard * 60_000
  const end = transitionMs(zone.rule.end, year) - zone.daylight * 60_000
  const inDst = start < end ? utcMs >= start && utcMs < end : utcMs >= start || utcMs < end
  return inDst ? zone.daylight : zone.standard
}

/** The transition's wall-clock instant in `year`, as if the wall clock were UTC. */
function transitionMs(t: TransitionDay, year: number): number {
  let dayMs: number
  if (t.form === 'M') {
    const firstWeekday = new Date(Date.UTC(year, t.month - 1, 1)).getUTCDay()
    let day = 1 + ((t.weekday - firstWeekday + 7) % 7) + (t.week - 1) * 7
    const daysInMonth = new Date(Date.UTC(year, t.month, 0)).getUTCDate()
    while (day > daysInMonth) day -= 7
    dayMs = Date.UTC(year, t.month - 1, day)
  } else if (t.form === 'J') {
    const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1
    dayMs = Date.UTC(year, 0, t.day + (leap && t.day >= 60 ? 1 : 0))
  } else {
    dayMs = Date.UTC(year, 0, t.day + 1)
  }
  return dayMs + t.seconds * 1000
}
