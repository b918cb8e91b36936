import type { EventCategory } from '@viewtron/core'
import type { CameraRecord } from './camera-directory.js'

/** A delivery of `category` starts: a reconnect meanwhile must not re-send an older state. */
function deliveryStarted(record: CameraRecord, category: EventCategory): void {
  record.delivering.set(category, (record.delivering.get(category) ?? 0) + 1)
}

/**
 * A delivery of `category` ended. Acknowledged (`state` given), its state is the last one.
 * Failed, while a reconnect left the last acknowledged state unsent: returns that state, to
 * send now that no newer one is in flight.
 */
function deliveryEnded(
  record: CameraRecord,
  category: EventCategory,
  state: Buffer | null,
): Buffer | null {
  const left = (record.delivering.get(category) ?? 1) - 1
  if (left > 0) record.delivering.set(category, left)
  else record.delivering.delete(category)
  if (state !== null) record.states.set(category, state)
  if (left > 0 || !record.unsentStates.delete(category) || state !== null) return null
  return record.states.get(category) ?? null
}

/**
 * Runs the delivery of an event of `category` whose state is `state`, keeping the camera's
 * last state in order with reconnects: `resend` gets the last acknowledged state when the
 * delivery failed after a reconnect left it unsent.
 */
export async function trackingState(
  record: CameraRecord,
  category: EventCategory,
  state: Buffer,
  delivery: () => Promise<void>,
  resend: (state: Buffer) => void,
): Promise<void> {
  deliveryStarted(record, category)
  let delivered = false
  try {
    await delivery()
    delivered = true
  } finally {
    const unsent = deliveryEnded(record, category, delivered ? state : null)
    if (unsent !== null) resend(unsent)
  }
}
