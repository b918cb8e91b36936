import { optionalInteger } from './option-checks.js'
import type { OverflowPolicy, QueueOptions } from './server-options.js'

const POLICIES: readonly OverflowPolicy[] = ['block', 'drop-newest', 'drop-oldest']

/** Checks a queue setting; `prefix` names where it came from (`queue.` or `events() `). */
export function resolveQueue(
  options: QueueOptions | undefined,
  defaults: Required<QueueOptions>,
  prefix: string,
): Required<QueueOptions> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${prefix || 'options'} must be an object`)
  }
  const highWaterMark = optionalInteger(
    `${prefix}highWaterMark`,
    options?.highWaterMark,
    defaults.highWaterMark,
    1,
  )
  const overflow = options?.overflow ?? defaults.overflow
  if (!POLICIES.includes(overflow)) {
    throw new RangeError(
      `${prefix}overflow must be 'block', 'drop-newest' or 'drop-oldest', got ${String(overflow)}`,
    )
  }
  return { highWaterMark, overflow }
}
