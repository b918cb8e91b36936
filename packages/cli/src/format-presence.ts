import type { CameraInfo } from '@viewtron/core'
import { formatClock } from './format-event.js'

/** How a presence line names the device: its name and address, or the address alone. */
function deviceLabel(camera: CameraInfo): string {
  const name = camera.device?.name ?? ''
  return name === '' ? camera.clientIp : `${name} (${camera.clientIp})`
}

/**
 * The readable line for a presence change, e.g. `09:58:21.902  Gate (10.0.0.5)  online`; an
 * offline line says how long the device had been silent.
 */
export function formatPresence(camera: CameraInfo, online: boolean, at: Date): string {
  const label = deviceLabel(camera)
  if (online) return `${formatClock(at)}  ${label}  online`
  const silent = Math.round((at.getTime() - camera.lastSeen.getTime()) / 1000)
  return `${formatClock(at)}  ${label}  offline  (nothing received for ${silent} s)`
}

/**
 * The JSON line for a presence change. `"type": "presence"` tells it apart from event lines,
 * which have a `category` and no `type`.
 */
export function presenceJsonLine(camera: CameraInfo, online: boolean, at: Date): string {
  return JSON.stringify({
    type: 'presence',
    online,
    time: at.toISOString(),
    clientIp: camera.clientIp,
    device: camera.device,
    firstSeen: camera.firstSeen.toISOString(),
    lastSeen: camera.lastSeen.toISOString(),
    posts: camera.posts,
    keepalives: camera.keepalives,
  })
}
