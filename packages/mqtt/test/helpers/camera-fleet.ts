import { SUCCESS_REPLY } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { Client } from 'undici'

/** What the cameras saw. */
export interface FleetResult {
  /** Plates whose post got the success reply: acknowledged, so they must be on the broker. */
  acknowledged: Set<string>
  /** Replies by status code (a 503 was retried with the same post). */
  statuses: Map<number, number>
  /** Posts that failed without a reply (none expected). */
  failures: number
}

/** A camera's MAC: `58:5B:69:00:<nn>:<nn>`. */
export const macOf = (camera: number): string =>
  `58:5B:69:00:${(camera >> 8).toString(16).padStart(2, '0')}:${(camera & 0xff).toString(16).padStart(2, '0')}`

/**
 * `cameras` simulated cameras, each on its own keep-alive connection, posting licence plates
 * (each post a new plate) until `stop` aborts. Like a device, a camera sends a refused post
 * again after a pause, and only moves on once it was acknowledged. Cameras are numbered from
 * `firstCamera`, so several fleets post distinct plates from distinct MACs.
 */
export async function runFleet(
  url: string,
  cameras: number,
  stop: AbortSignal,
  pauseMs = 50,
  firstCamera = 0,
): Promise<FleetResult> {
  const result: FleetResult = { acknowledged: new Set(), statuses: new Map(), failures: 0 }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  await Promise.all(
    Array.from({ length: cameras }, async (_, index) => {
      const camera = firstCamera + index
      const client = new Client(url, {
        keepAliveTimeout: 60_000,
        bodyTimeout: 0,
        headersTimeout: 0,
      })
      const device = { name: `cam${camera}`, mac: macOf(camera), sn: `SN${camera}`, ip: '' }
      try {
        for (let n = 0; !stop.aborted; n++) {
          const plate = `C${camera}P${n}`
          const body = ipcLprPost({
            header: 'capture',
            device,
            plate,
            images: 'small',
            seed: n + 1,
          })
          for (;;) {
            try {
              const response = await client.request({
                method: 'POST',
                path: '/',
                body,
                headers: { 'content-type': 'application/xml' },
              })
              const text = await response.body.text()
              const status = response.statusCode
              result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1)
              if (status === 200 && text === SUCCESS_REPLY) {
                result.acknowledged.add(plate)
                break
              }
            } catch {
              result.failures++
            }
            if (stop.aborted) break
            await pause(200)
          }
          await pause(pauseMs)
        }
      } finally {
        await client.close()
      }
    }),
  )
  return result
}
