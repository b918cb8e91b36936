import { UsageError } from './usage-error.js'

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
}

/**
 * A size such as `500M`, `20G`, `1.5GB`, `2TiB` or `1048576` (bytes), in bytes; units are
 * powers of 1024, as `formatBytes` prints them. A {@link UsageError} names the option otherwise.
 */
export function sizeOption(name: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$/i.exec(text)
  const unit = UNITS[(match?.[2] ?? '').toUpperCase()]
  const bytes = match === null || unit === undefined ? Number.NaN : Number(match[1]) * unit
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new UsageError(`--${name} must be a size such as 500M or 20G, got '${text}'`)
  }
  return Math.floor(bytes)
}
