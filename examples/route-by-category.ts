/**
 * One handler per event category with `route`: each handler gets its category's event type.
 *
 * Run: PORT=5050 node dist/route-by-category.js   (MAX_EVENTS=n stops after n detections)
 */
import { ViewtronServer } from '@viewtron/core'
import { route } from '@viewtron/helpers'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)

const server = new ViewtronServer({ port })
const events = server.events()
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)

const stop = new AbortController()
process.once('SIGINT', () => stop.abort())
let detections = 0
const counted = (): void => {
  if (++detections >= maxEvents) stop.abort()
}

await route(
  events,
  {
    lpr: (e) => {
      console.log(`[lpr]       ${e.plateNumber} ${e.plateGroup ? `(${e.plateGroup})` : ''}`)
      counted()
    },
    face: (e) => {
      console.log(`[face]      ${e.faces.length} face(s) at ${e.device.name}`)
      counted()
    },
    intrusion: (e) => {
      console.log(`[intrusion] ${e.subtype} by a ${e.targetType || 'target'} at ${e.device.name}`)
      counted()
    },
    counting: (e) => {
      console.log(`[counting]  ${e.subtype} count, ${e.targetType || 'target'}`)
      counted()
    },
    traject: () => {}, // tracking frames: handled here so they stay out of `default`
    default: (e) => {
      console.log(`[${e.category}] ${e.alarmDescription}`)
      counted()
    },
  },
  { signal: stop.signal },
)
await server.shutdown()
console.log(`Routed ${detections} detections.`)
