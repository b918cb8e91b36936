/**
 * People counting per camera: line and area counting events of people, totalled per camera
 * (an NVR channel is its own camera) and printed as they change, with a table at the end.
 *
 * Run: PORT=5050 node dist/people-counting.js   (MAX_EVENTS=n stops after n counting events)
 */
import { type CountingEvent, ViewtronServer } from '@viewtron/core'
import { byCategory, filter, pipe } from '@viewtron/helpers'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)

const server = new ViewtronServer({ port, images: 'discard' })
const counts = pipe(
  server.events(),
  byCategory('counting'),
  filter((event: CountingEvent) => event.targetType === 'person'),
)
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)
process.once('SIGINT', () => void server.shutdown())

/** People per camera, by counting rule (`line` or `area`). */
const totals = new Map<string, { line: number; area: number }>()
let seen = 0
for await (const event of counts) {
  const name = event.device.name || event.clientIp
  const camera = event.device.channelId === null ? name : `${name} ch${event.device.channelId}`
  const total = totals.get(camera) ?? { line: 0, area: 0 }
  total[event.subtype]++
  totals.set(camera, total)
  console.log(`${camera}: ${total.line} crossed the line, ${total.area} in the area`)
  if (++seen >= maxEvents) break
}
await server.shutdown()

console.log('\ncamera                 line  area')
for (const [camera, total] of totals) {
  console.log(
    `${camera.padEnd(22)} ${String(total.line).padStart(4)} ${String(total.area).padStart(5)}`,
  )
}
