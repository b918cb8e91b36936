/**
 * The server as one part of a larger program: events are consumed in the background while the
 * main program carries on with its own work (here, a status line every second). Everything
 * runs on one event loop; no threads or locks are needed.
 *
 * Run: PORT=5050 node dist/background-server.js   (MAX_EVENTS=n stops after n events)
 */
import { ViewtronServer } from '@viewtron/core'
import { dropTraject, pipe } from '@viewtron/helpers'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)

/** State the rest of the program reads. */
const state = { events: 0, lastPlate: '-', lastCamera: '-' }

const server = new ViewtronServer({ port })
const events = pipe(server.events(), dropTraject())
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)

// The background task: started, not awaited, so the program goes on below.
const consumer = (async () => {
  for await (const event of events) {
    state.events++
    state.lastCamera = event.device.name || event.clientIp
    if (event.category === 'lpr') state.lastPlate = event.plateNumber
    if (state.events >= maxEvents) break
  }
})()

// The main program's own work.
const ticker = setInterval(() => {
  console.log(
    `status: ${state.events} events, last plate ${state.lastPlate} at ${state.lastCamera}`,
  )
}, 1000)

process.once('SIGINT', () => void server.shutdown())
await consumer // ends after MAX_EVENTS, or when shutdown() ends the stream
clearInterval(ticker)
await server.shutdown()
console.log(`final: ${state.events} events, last plate ${state.lastPlate}`)
