import { eventDetails } from './event-details.js'
import { ipcEventBody, nvrEventBody } from './post-bodies.js'
import { type RunContext, runDevice } from './run-device.js'
import {
  type ResolvedSimulateOptions,
  resolveSimulateOptions,
  type SimulateOptions,
} from './simulate-options.js'
import { type SimulateSummary, SimulateTally } from './simulate-summary.js'
import { planDevices, type SimulatedDevice } from './simulated-devices.js'

/**
 * Encodes every JPEG the run will embed before the first post: encoding a 1920×1080 frame takes
 * most of a second, which would otherwise stall posts mid-run (and any server in this process).
 * The encoder caches by size and seed, so later bodies reuse these images.
 */
function prepareImages(devices: SimulatedDevice[], options: ResolvedSimulateOptions): void {
  if (options.images === 'none') return
  const random = () => 0.5
  // The images depend on the layout and the kind, not on the device: one body of each is enough.
  const done = new Set<string>()
  for (const device of devices) {
    for (const kind of device.kinds) {
      const key = `${'ipc' in device.identity ? 'ipc' : 'nvr'}/${kind}`
      if (done.has(key)) continue
      done.add(key)
      const details = eventDetails(kind, { eventId: 1, targetId: 1 }, random)
      if ('ipc' in device.identity) ipcEventBody(device.identity.ipc, details, options)
      else nvrEventBody(device.identity.nvr, device.identity.channelId, details, options)
    }
  }
}

/**
 * Simulates Viewtron cameras and NVR channels posting to a server, as the devices do
 * (protocol §1): cameras keep one persistent connection each and send v1 bodies with empty or
 * `DeviceInfo` heartbeats, `application/xml`, origin-form request lines and traject bursts; NVR
 * channels open a connection per post with an absolute-URL request line, `Connection: close`,
 * `application/soap+xml`, v2 bodies and `messageType` keepalives. Event posts carry real JPEGs.
 * A post counts as acknowledged only when the reply is `200` with the success XML.
 *
 * Resolves when the run is over: after `count` events, `duration` seconds, or `signal`.
 *
 * @throws TypeError or RangeError naming a bad option.
 * @example
 * ```ts
 * const summary = await simulate({ target: 'http://127.0.0.1:5050/API', cameras: 4, count: 20 })
 * console.log(summary.acknowledged, 'of', summary.posts, 'posts acknowledged')
 * ```
 */
export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const resolved = resolveSimulateOptions(options)
  const devices = planDevices(resolved)
  prepareImages(devices, resolved)
  const tally = new SimulateTally()
  const start = Date.now()
  const deadline = resolved.duration === null ? null : start + resolved.duration * 1000
  let claimed = 0
  const ctx: RunContext = {
    options: resolved,
    start,
    deadline,
    tally,
    claim(at) {
      if (resolved.signal?.aborted) return false
      if (deadline !== null && at >= deadline) return false
      if (resolved.count !== null && claimed >= resolved.count) return false
      claimed++
      return true
    },
  }
  const connections = await Promise.all(devices.map((device) => runDevice(device, ctx)))
  return tally.summary({
    target: new URL(resolved.path, resolved.target).href,
    mode: resolved.mode,
    cameras: resolved.cameras,
    connections: connections.reduce((sum, n) => sum + n, 0),
  })
}
