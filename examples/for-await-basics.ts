/**
 * The shortest useful program: start a server and read its events with `for await`.
 *
 * Run: PORT=5050 node dist/for-await-basics.js   (MAX_EVENTS=n stops after n events)
 */
import { ViewtronServer } from '@viewtron/core'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)

const server = new ViewtronServer({ port })
// Subscribe before listening, so not even the first event is missed.
const events = server.events()
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)
process.once('SIGINT', () => void server.shutdown())

let seen = 0
for await (const event of events) {
  const camera = event.device.name || event.clientIp
  console.log(`${event.category.padEnd(9)} ${event.alarmDescription} from ${camera}`)
  // `category` narrows the type: plate fields exist only on LPR events.
  if (event.category === 'lpr') console.log(`          plate ${event.plateNumber}`)
  if (++seen >= maxEvents) break // leaving the loop unsubscribes
}
await server.shutdown()
console.log(`Done after ${seen} events.`)
