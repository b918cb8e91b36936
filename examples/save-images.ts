/**
 * Save every event image as a JPEG file: drop traject first (no images), keep events with a
 * valid image, write the overview and the crop.
 *
 * Run: PORT=5050 OUT_DIR=snapshots node dist/save-images.js   (MAX_EVENTS=n stops after n events)
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ViewtronServer } from '@viewtron/core'
import { dropTraject, pipe, withImages } from '@viewtron/helpers'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)
const outDir = process.env.OUT_DIR ?? 'snapshots'

await mkdir(outDir, { recursive: true })
// 'memory' keeps each event's images until we have written them; see `images: { dir }` for
// streaming them straight to disk instead.
const server = new ViewtronServer({ port, images: 'memory' })
const events = pipe(server.events(), dropTraject(), withImages())
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)
process.once('SIGINT', () => void server.shutdown())

let seen = 0
for await (const event of events) {
  const stamp = (event.time ?? event.receivedAt).toISOString().replace(/[:.]/g, '-')
  const base = `${stamp}_${event.category}_${event.clientIp.replace(/[^\w.-]/g, '-')}`
  for (const [role, image] of [
    ['overview', event.sourceImage],
    ['crop', event.targetImage],
  ] as const) {
    const jpeg = image?.bytes()
    if (jpeg == null) continue
    const file = join(outDir, `${base}_${role}.jpg`)
    await writeFile(file, jpeg)
    console.log(`saved ${file} (${jpeg.length} bytes)`)
  }
  if (++seen >= maxEvents) break
}
await server.shutdown()
