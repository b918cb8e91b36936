import { parseEvent, type ViewtronEvent } from '@viewtron/core'
import { type IpcLprOptions, ipcLprPost, nvrVehiclePost } from '@viewtron/fixtures'
import { afterEach } from 'vitest'
import { type Monitor, type MonitorOptions, startMonitor } from '../src/index.js'

const open = new Set<Monitor>()

afterEach(async () => {
  for (const monitor of open) await monitor.close()
  open.clear()
})

/** A monitor on a free loopback port, closed after the test. */
export async function monitorOnFreePort(options: MonitorOptions = {}): Promise<Monitor> {
  const monitor = await startMonitor({ port: 0, ...options })
  open.add(monitor)
  return monitor
}

/** A real LPR event: a camera's post with small real JPEGs, parsed by core. */
export async function lprEvent(
  options: IpcLprOptions & { clientIp?: string } = {},
): Promise<ViewtronEvent> {
  const body = ipcLprPost({ images: 'small', header: 'capture', ...options })
  const result = await parseEvent(body, { clientIp: options.clientIp ?? '10.0.0.7' })
  if (result.kind !== 'event') throw new Error(`not an event: ${result.kind}`)
  return result.event
}

/** A real NVR vehicle event (channel 2) with small real JPEGs. */
export async function nvrLprEvent(plate: string): Promise<ViewtronEvent> {
  const body = nvrVehiclePost({ images: 'small', channelId: 2, plate })
  const result = await parseEvent(body, { clientIp: '10.0.0.9' })
  if (result.kind !== 'event') throw new Error(`not an event: ${result.kind}`)
  return result.event
}
