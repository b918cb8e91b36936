/**
 * A gate controller: open for plates on an allow list, once per car. An LPR camera re-reads a
 * waiting car many times; `dedupePlates` lets one read per plate per camera through every 30 s.
 *
 * Run: PORT=5050 ALLOW_PLATES=KLM4821,JP116D node dist/lpr-gate.js   (MAX_EVENTS=n stops after n decisions)
 */
import { ViewtronServer } from '@viewtron/core'
import { byCategory, dedupePlates, pipe } from '@viewtron/helpers'

const port = Number(process.env.PORT ?? 5050)
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)
const allowed = new Set(
  (process.env.ALLOW_PLATES ?? 'KLM4821,JP116D')
    .split(',')
    .map((plate) => plate.trim().toUpperCase()),
)

/** Stands in for the relay that opens the barrier. */
async function openGate(camera: string): Promise<void> {
  console.log(`  (relay pulse sent to the barrier at ${camera})`)
}

const server = new ViewtronServer({ port })
const plates = pipe(server.events(), byCategory('lpr'), dedupePlates({ windowMs: 30_000 }))
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)
process.once('SIGINT', () => void server.shutdown())

let decisions = 0
for await (const event of plates) {
  const plate = event.plateNumber.toUpperCase()
  const camera = event.device.name || event.clientIp
  if (plate === '') continue
  if (allowed.has(plate)) {
    console.log(`OPEN  ${plate} at ${camera}`)
    await openGate(camera)
  } else {
    console.log(`DENY  ${plate} at ${camera}${event.plateGroup ? ` (${event.plateGroup})` : ''}`)
  }
  if (++decisions >= maxEvents) break
}
await server.shutdown()
