import type { Rect } from '@viewtron/fixtures'
import type { EventDetails } from './event-details.js'
import { ALARM_NAMES } from './event-kinds.js'
import type { PlannedPost } from './planned-post.js'
import {
  alarmStatusBody,
  type ImageChoice,
  ipcEventBody,
  nvrEventBody,
  trajectBody,
} from './post-bodies.js'
import type { SimulatedDevice } from './simulated-devices.js'

/** How long before the event post an episode's first post goes out (the traject lead, §1.7). */
export const EPISODE_LEAD_MS = 140

/** The box a tracked target has `k` frames into its burst: it walks to the right. */
function moved(rect: Rect, k: number): Rect {
  const dx = Math.min(k * 120, 10_000 - rect.x2)
  return { x1: rect.x1 + dx, y1: rect.y1, x2: rect.x2 + dx, y2: rect.y2 }
}

/**
 * Every post one detection causes, timed as real devices send them (protocol §1.7). A camera:
 * a traject burst at 6–12 posts/s starting 140 ms before the event post and lasting about a
 * second, the event post with its images, alarm status `true` 200 ms after it and `false` once
 * the target has left (the hold time is shortened to 300 ms). An NVR channel: alarm status
 * `true` just before the event post (as documented), `false` a second later, no traject.
 */
export function eventEpisode(
  device: SimulatedDevice,
  event: EventDetails,
  at: number,
  settings: ImageChoice & { traject: boolean; random: () => number },
): PlannedPost[] {
  const { identity } = device
  const posts: PlannedPost[] = []
  const alarm = ALARM_NAMES[event.kind][device.layout]
  const status = (when: number, active: boolean): PlannedPost => ({
    at: Math.round(when),
    kind: 'alarm-status',
    body: () => alarmStatusBody(identity, alarm as string, active),
  })
  if ('ipc' in identity) {
    const camera = identity.ipc
    let gone = at + 1000
    if (settings.traject) {
      const perSecond = 6 + settings.random() * 6
      const start = at - EPISODE_LEAD_MS
      gone = start + 900 + settings.random() * 600
      for (let k = 0, t = start; t <= gone; k++, t += 1000 / perSecond) {
        const rect = moved(event.rect, k)
        posts.push({
          at: Math.round(t),
          kind: 'traject',
          body: () => trajectBody(camera, event, rect),
        })
      }
    }
    posts.push({
      at,
      kind: 'event',
      eventKind: event.kind,
      body: () => ipcEventBody(camera, event, settings, device.plateShape),
    })
    if (alarm !== null) posts.push(status(at + 200, true), status(gone + 300, false))
  } else {
    const { nvr, channelId } = identity
    if (alarm !== null) posts.push(status(at - 100, true))
    posts.push({
      at,
      kind: 'event',
      eventKind: event.kind,
      body: () => nvrEventBody(nvr, channelId, event, settings),
    })
    if (alarm !== null) posts.push(status(at + 1000, false))
  }
  return posts.sort((a, b) => a.at - b.at)
}
