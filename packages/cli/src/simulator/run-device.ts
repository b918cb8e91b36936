import { setTimeout as delay } from 'node:timers/promises'
import { createRandom } from '@viewtron/fixtures'
import { eventDetails } from './event-details.js'
import { EPISODE_LEAD_MS, eventEpisode } from './event-episode.js'
import { IpcConnection } from './ipc-connection.js'
import { LineCounters } from './line-counters.js'
import { postAbsoluteForm } from './nvr-post.js'
import { type PlannedPost, PostQueue } from './planned-post.js'
import { heartbeatBody } from './post-bodies.js'
import type { PostOutcome } from './post-outcome.js'
import type { ResolvedSimulateOptions } from './simulate-options.js'
import type { SimulateTally } from './simulate-summary.js'
import type { SimulatedDevice } from './simulated-devices.js'

/** What every device of a run shares. */
export interface RunContext {
  options: ResolvedSimulateOptions
  /** `Date.now()` when the run started. */
  start: number
  /** Posts planned for at or after this time are not started (`duration`); `null`: no limit. */
  deadline: number | null
  /** Asks to start one more event whose first post is due at `at`; false once the run is ending. */
  claim(at: number): boolean
  tally: SimulateTally
}

/** The first event waits for the device's opening heartbeat to be answered. */
const FIRST_EVENT_MS = 300

async function sleepUntil(at: number, signal: AbortSignal | undefined): Promise<void> {
  const ms = at - Date.now()
  if (ms > 0) await delay(ms, undefined, { signal }).catch(() => undefined)
}

/**
 * Runs one device's timeline until its events are done: an opening heartbeat, then one event
 * every `1 / rate` seconds (staggered across devices) with the posts each event causes, and a
 * heartbeat every `heartbeatSeconds`. Posts go out one at a time, in time order; a post that is
 * late (the previous one took long) goes out at once. Resolves with the connections opened.
 */
export async function runDevice(device: SimulatedDevice, ctx: RunContext): Promise<number> {
  const { options, tally } = ctx
  const { signal } = options
  const random = createRandom(options.seed * 7919 + device.index)
  const interval = 1000 / options.rate
  const stagger = (device.index * interval) / options.cameras
  const eventAt = (i: number): number => ctx.start + FIRST_EVENT_MS + stagger + i * interval
  const ipc =
    device.layout === 'ipc'
      ? new IpcConnection(options.target, options.path, options.timeout)
      : null
  let nvrConnections = 0
  const heartbeat = (at: number): PlannedPost => ({
    at,
    kind: 'heartbeat',
    heartbeat: device.heartbeat,
    body: () => heartbeatBody(device.heartbeat, device.identity),
  })
  const send = async (post: PlannedPost): Promise<void> => {
    const body = Buffer.from(post.body(), 'utf8')
    tally.sending()
    let outcome: PostOutcome
    if (ipc !== null) outcome = await ipc.post(body)
    else {
      nvrConnections++
      outcome = await postAbsoluteForm(options.target, options.path, body, options.timeout)
    }
    tally.record(post, body.length, outcome)
    options.onProgress?.(tally.progress())
  }

  const queue = new PostQueue()
  const lineCounters = new LineCounters()
  queue.push(heartbeat(ctx.start))
  let more = device.kinds.length > 0
  try {
    for (let i = 0; ; ) {
      // Plan the next events as soon as their first post is due before what is queued.
      while (
        more &&
        eventAt(i) - EPISODE_LEAD_MS <= (queue.peek()?.at ?? Number.POSITIVE_INFINITY)
      ) {
        if (!ctx.claim(eventAt(i) - EPISODE_LEAD_MS)) {
          more = false
          // Winding down: the trailing posts of started events go out, no more heartbeats.
          queue.remove('heartbeat')
          break
        }
        const kind = device.kinds[i % device.kinds.length] ?? 'lpr'
        const ids = {
          eventId: 500 + device.index * 1000 + i,
          targetId: 100 + device.index * 1000 + i,
        }
        const details = eventDetails(kind, ids, random)
        if (kind === 'counting-line' && device.layout === 'ipc') {
          // Entries outnumber exits two to one, without drawing from the seeded generator.
          details.crossing = lineCounters.cross(details.targetType, ids.eventId % 3 !== 2)
        }
        queue.push(...eventEpisode(device, details, eventAt(i), { ...options, random }))
        i++
      }
      const post = queue.shift()
      if (post === undefined) break
      if (post.kind === 'heartbeat' && more) {
        const next = post.at + device.heartbeatSeconds * 1000
        if (ctx.deadline === null || next < ctx.deadline) queue.push(heartbeat(next))
      }
      await sleepUntil(post.at, signal)
      if (signal?.aborted) break
      await send(post)
    }
  } finally {
    await ipc?.close()
  }
  return (ipc?.connections ?? 0) + nvrConnections
}
