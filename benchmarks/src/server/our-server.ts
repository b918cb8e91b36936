import { unlink } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ViewtronServerOptions } from '@viewtron/core'
import type { ServerChildConfig } from './protocol.js'
import { processFigures, type RunningServer } from './running-server.js'

type OursConfig = Extract<ServerChildConfig, { kind: 'ours' }>

const JPEG_SOI = 0xd8
const JPEG_EOI = 0xd9

/** True when the decoded bytes start and end like a JPEG: reads the bytes the SDK produced. */
function looksLikeJpeg(bytes: Buffer): boolean {
  const n = bytes.length
  return (
    n >= 4 &&
    bytes[0] === 0xff &&
    bytes[1] === JPEG_SOI &&
    bytes[n - 2] === 0xff &&
    bytes[n - 1] === JPEG_EOI
  )
}

/**
 * Our `ViewtronServer` with one `for await` consumer that touches every event: its category and,
 * for each image, the decoded bytes (`'memory'`: checks the JPEG markers at both ends; `{ dir }`:
 * removes the file, so long runs do not fill the disk; `'discard'`: the counted size). With
 * `consumerDelayMs` it is deliberately slow, so the queue fills and backpressure holds replies.
 */
export async function startOurServer(config: OursConfig): Promise<RunningServer> {
  const options: ViewtronServerOptions = {
    port: 0,
    host: '127.0.0.1',
    images: config.images,
    onError: () => undefined,
  }
  if (config.highWaterMark !== undefined) options.queue = { highWaterMark: config.highWaterMark }
  if (config.maxBodyBytes !== undefined) options.maxBodyBytes = config.maxBodyBytes
  if (config.maxImageBytes !== undefined) options.maxImageBytes = config.maxImageBytes
  const core: typeof import('@viewtron/core') = await import(config.coreModule ?? '@viewtron/core')
  let store: import('@viewtron/store').EventStore | null = null
  if (config.store !== undefined) {
    const { openEventStore } = await import('@viewtron/store')
    store = await openEventStore(config.store)
  }
  const server = new core.ViewtronServer(options)
  // The reply to each post waits for the commit that holds it.
  store?.attach(server)
  const { port } = await server.listen()

  let delivered = 0
  let images = 0
  let validImages = 0
  let checkedJpegs = 0
  let imageBytes = 0
  const categories: Record<string, number> = {}
  const delay = config.consumerDelayMs
  const consumer = (async () => {
    for await (const event of server.events()) {
      delivered++
      // Touch the event itself, as an application would.
      categories[event.category] = (categories[event.category] ?? 0) + 1
      for (const image of event.images) {
        images++
        imageBytes += image.byteLength
        if (!image.valid) continue
        validImages++
        if (image.path !== null) {
          await unlink(image.path)
          checkedJpegs++
          continue
        }
        const bytes = image.bytes()
        if (bytes !== null && looksLikeJpeg(bytes)) checkedJpegs++
      }
      if (delay > 0) await sleep(delay)
    }
  })()

  const snapshot = () => {
    const stats = server.stats()
    const unparsed = Object.values(stats.unparsed).reduce((sum, n) => sum + n, 0)
    const storeStats = store?.stats()
    return {
      ...(storeStats === undefined
        ? {}
        : {
            store: {
              commits: storeStats.commits,
              writes: Math.round(storeStats.commits * storeStats.averageBatch),
              imageFsyncs: storeStats.imageFsyncs,
              refused: storeStats.refused,
            },
          }),
      posts: stats.posts,
      acknowledged: stats.acknowledged,
      delivered,
      categories: { ...categories },
      keepalives: stats.keepalives,
      alarmStatus: stats.alarmStatus,
      queueDepth: stats.queues[0]?.depth ?? 0,
      unparsed,
      bytes: stats.bytes,
      images,
      validImages,
      checkedJpegs,
      imageBytes,
      ...processFigures(),
    }
  }
  return {
    port,
    snapshot,
    async stop() {
      await server.shutdown()
      await consumer
      const last = snapshot()
      await store?.close()
      return last
    },
  }
}
