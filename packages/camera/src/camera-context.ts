import type { CameraTimeZone } from './camera-time.js'
import type { CameraCapabilities } from './device-info.js'
import type { PlateGroup } from './plate-groups.js'
import type { Transport } from './transport.js'

/** Options every method takes. */
export interface CallOptions {
  /** Aborts the call; the method then rejects with the signal's reason. */
  signal?: AbortSignal | undefined
}

/** What the plate and HTTP-post clients share with their {@link ViewtronCamera}. */
export interface CameraContext {
  readonly transport: Transport
  /** The camera's plate groups, read once and kept. */
  groups(signal?: AbortSignal): Promise<readonly PlateGroup[]>
  /** The zone dates are written in: the `timeZone` option, or the camera's, read once. */
  zone(signal?: AbortSignal): Promise<CameraTimeZone>
  capabilities(signal?: AbortSignal): Promise<CameraCapabilities>
}
