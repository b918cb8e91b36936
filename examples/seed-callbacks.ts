/**
 * The vendor SDK's callback style: `onEvent`, `onConnect`, `onAlarmStatus`, then `serveForever()`,
 * which prints the banner and runs until Ctrl-C.
 *
 * Run: PORT=5050 node dist/seed-callbacks.js   (MAX_EVENTS=n stops after n events)
 */
import { type ViewtronEvent, ViewtronServer } from '@viewtron/core'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)
let seen = 0

function handleEvent(event: ViewtronEvent, clientIp: string): void {
  console.log(`Event: ${event.getAlarmDescription()} (${event.getAlarmType()}) from ${clientIp}`)
  if (event.getPlateNumber() !== '') {
    console.log(`  Plate: ${event.getPlateNumber()}  Group: ${event.getPlateGroup() || '-'}`)
  }
  const overview = event.getSourceImageBytes()
  if (overview !== null) console.log(`  Overview image: ${overview.length} bytes`)
  // Not awaited: shutdown() waits for this very post to be acknowledged.
  if (++seen >= maxEvents) void server.shutdown()
}

const server = new ViewtronServer({
  port,
  onEvent: handleEvent,
  onConnect: (clientIp) => console.log(`Camera connected: ${clientIp}`),
  onAlarmStatus: (status) => {
    for (const alarm of status.alarms) console.log(`Alarm ${alarm.name}: ${alarm.value}`)
  },
})

await server.serveForever()
