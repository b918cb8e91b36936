import type { CameraRegistry } from './camera-registry.js'
import type { ErrorReporter } from './error-reporter.js'
import type { EventFanout } from './event-fanout.js'
import type { PresenceTracker } from './presence-tracker.js'
import type { ResolvedServerOptions } from './resolve-server-options.js'
import type { StatsCounter } from './server-stats.js'
import type { HandlerSet } from './viewtron-handlers.js'

/** What the parts of one server share: its options, counters, devices, subscribers and callbacks. */
export interface ServerContext {
  readonly options: ResolvedServerOptions
  readonly stats: StatsCounter
  readonly registry: CameraRegistry
  readonly fanout: EventFanout
  readonly errors: ErrorReporter
  /** The options' own callbacks, then those attached with use(). */
  readonly handlers: HandlerSet
  readonly presence: PresenceTracker
  /** Shutdown has begun: new posts get `503` and replies announce `Connection: close`. */
  closing: boolean
}
