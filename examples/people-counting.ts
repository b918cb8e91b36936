/**
 * People counting per camera: line and area counting events of people, per camera (an NVR
 * channel is its own camera). Cameras that keep their own counters (`event.counts`, sent with
 * line crossings by current firmware) are shown with them: people in, out and inside now. For
 * the others the events are tallied here. A table at the end.
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

/** Per camera: events tallied here by rule, and the camera's own people counters if it sends them. */
interface CameraTotals {
  line: number
  area: number
  /** The latest counters the camera reported; they only grow, so the latest is the total. */
  counted: { in: number; out: number; inside: number } | null
}

const totals = new Map<string, CameraTotals>()
let seen = 0
for await (const event of counts) {
  const name = event.device.name || event.clientIp
  const camera = event.device.channelId === null ? name : `${name} ch${event.device.channelId}`
  const total = totals.get(camera) ?? { line: 0, area: 0, counted: null }
  total[event.subtype]++
  const people = event.counts
  if (people !== null && people.enter.person !== null && people.leave.person !== null) {
    total.counted = {
      in: people.enter.person,
      out: people.leave.person,
      inside: people.exist.person ?? people.enter.person - people.leave.person,
    }
  }
  totals.set(camera, total)
  const own = total.counted
  const crossed = event.direction === null ? '' : ` (crossed ${event.direction})`
  console.log(
    `${camera}: ${total.line} crossed the line, ${total.area} in the area` +
      (own === null ? '' : `; camera counts ${own.in} in, ${own.out} out, ${own.inside} inside`) +
      crossed,
  )
  if (++seen >= maxEvents) break
}
await server.shutdown()

const cell = (value: number | undefined, width: number): string =>
  (value === undefined ? '-' : String(value)).padStart(width)
console.log('\ncamera                 line  area    in   out  inside')
for (const [camera, total] of totals) {
  const own = total.counted ?? undefined
  console.log(
    `${camera.padEnd(22)} ${cell(total.line, 4)} ${cell(total.area, 5)} ${cell(own?.in, 5)}` +
      ` ${cell(own?.out, 5)} ${cell(own?.inside, 7)}`,
  )
}
