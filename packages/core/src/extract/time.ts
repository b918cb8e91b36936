const MIN_TIME = Date.UTC(2000, 0, 1)
const MAX_TIME = Date.UTC(2100, 0, 1)

function plausible(ms: number): Date | null {
  return ms >= MIN_TIME && ms < MAX_TIME ? new Date(ms) : null
}

/**
 * Reads `currentTime`: seconds, milliseconds or microseconds by magnitude (on the digit string, so
 * 20-digit firmware garbage never passes through a lossy float). `null` when absent, not a whole
 * number, or outside 2000–2100.
 */
export function parseCurrentTime(raw: string): Date | null {
  if (!/^\d{1,20}$/.test(raw)) return null
  const value = BigInt(raw)
  let ms: bigint
  if (value < 100_000_000_000n) ms = value * 1000n
  else if (value < 100_000_000_000_000n) ms = value
  else if (value < 100_000_000_000_000_000n) ms = value / 1000n
  else return null
  return plausible(Number(ms))
}

const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})$/
const US_12H = /^(\d{1,2})-(\d{1,2})-(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ?([AaPp][Mm])$/

/**
 * Reads a v1 `dataTime` (sic): `YYYY-MM-DD HH:mm:ss` or `MM-DD-YYYY hh:mm:ss AM|PM`. The device
 * sends local wall-clock time with no zone, so it is read in this process's time zone (cameras
 * and their server are normally on one site). `null` for any other layout.
 */
export function parseDataTime(raw: string): Date | null {
  let parts: number[]
  const iso = ISO_LIKE.exec(raw)
  const us = iso === null ? US_12H.exec(raw) : null
  if (iso !== null) {
    parts = iso.slice(1, 7).map(Number)
  } else if (us !== null) {
    const [, mo, d, y, h, mi, s, ampm] = us
    let hour = Number(h) % 12
    if (ampm!.toLowerCase() === 'pm') hour += 12
    parts = [Number(y), Number(mo), Number(d), hour, Number(mi), Number(s)]
  } else {
    return null
  }
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  const date = new Date(y, mo - 1, d, h, mi, s)
  return plausible(date.getTime())
}
