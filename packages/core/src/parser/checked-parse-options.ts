import type { ImageMode, ParseOptions } from '../types.js'
import { type ResolvedLimits, resolveLimits } from './limits.js'

/** Rejects an image mode other than `'memory'`, `'discard'` or `{ dir }`, naming the option. */
export function checkImageMode(mode: ImageMode): ImageMode {
  if (typeof mode === 'object' && (typeof mode.dir !== 'string' || mode.dir === '')) {
    throw new TypeError('images.dir must be a non-empty string')
  }
  if (mode !== 'memory' && mode !== 'discard' && typeof mode !== 'object') {
    throw new TypeError(`images must be 'memory', 'discard' or { dir }, got ${String(mode)}`)
  }
  return mode
}

/**
 * Parse options checked once and shared by every body of a server: a {@link BodyParser} built
 * from them skips checking its limits again. `clientIp` and `receivedAt` are set just before
 * each parser is built (the constructor copies them), so no options object is made per post.
 */
export class CheckedParseOptions implements ParseOptions {
  readonly limits: ResolvedLimits
  readonly images: ImageMode
  clientIp = ''
  receivedAt: Date | undefined = undefined

  /** @throws RangeError for a bad limit, TypeError for a bad image mode. */
  constructor(options: ParseOptions) {
    this.limits = resolveLimits(options)
    this.images = checkImageMode(options.images ?? 'memory')
  }
}
