import type { ParseLimits, ParseOptions } from '../types.js'

/** Every limit with its value filled in ({@link DEFAULT_LIMITS} where none was given). */
export type ResolvedLimits = Required<ParseLimits> & {
  /** Largest body, in bytes; a larger one resolves as `unparsed` `'too-large'`. */
  maxBodyBytes: number
}

/** Defaults sized for real devices with a wide margin: image posts are 0.4–0.65 MB. */
export const DEFAULT_LIMITS: Readonly<ResolvedLimits> = Object.freeze({
  maxTextBytes: 256 * 1024,
  maxListItems: 10_000,
  maxDepth: 64,
  maxElements: 50_000,
  maxImageBytes: 32 * 1024 * 1024,
  maxBodyBytes: 64 * 1024 * 1024,
})

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof ResolvedLimits)[]

/** Fills in defaults and rejects nonsense early, naming the option. */
export function resolveLimits(options: ParseOptions): ResolvedLimits {
  const out = { ...DEFAULT_LIMITS }
  for (const name of LIMIT_NAMES) {
    const value = options[name]
    if (value === undefined) continue
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
      throw new RangeError(
        `${name} must be a positive number (Infinity allowed), got ${String(value)}`,
      )
    }
    out[name] = value
  }
  return out
}
