/**
 * An LPR gate that talks back to its camera: plates the camera reads are looked up in the
 * camera's own lists (allow, block, temporary); an unknown car gets a two-hour visitor pass on the
 * camera, so the camera lets it through the next time by itself.
 *
 * Run: CAMERA_URL=http://192.168.1.108 CAMERA_PASSWORD=... PORT=5050 node dist/camera-gate.js
 * (MAX_EVENTS=n stops after n plates)
 */
import { type CameraPlate, ViewtronCamera } from '@viewtron/camera'
import { ViewtronServer } from '@viewtron/core'
import { byCategory, dedupePlates, pipe } from '@viewtron/helpers'

const cam = new ViewtronCamera({
  url: process.env.CAMERA_URL ?? 'http://192.168.1.108',
  username: process.env.CAMERA_USER ?? 'admin',
  password: process.env.CAMERA_PASSWORD,
})
const maxEvents = Number(process.env.MAX_EVENTS ?? Number.POSITIVE_INFINITY)

// The camera's lists, read once: every group, page by page.
const known = new Map<string, CameraPlate>()
for await (const plate of cam.plates.list()) known.set(plate.number, plate)
console.log(`${known.size} plates on the camera`)

const server = new ViewtronServer({ port: Number(process.env.PORT ?? 5050) })
const reads = pipe(server.events(), byCategory('lpr'), dedupePlates({ windowMs: 30_000 }))
const { urls } = await server.listen()
console.log(`Listening on ${urls[0]}`)
process.once('SIGINT', () => void server.shutdown())

let seen = 0
for await (const event of reads) {
  const number = event.plateNumber
  const entry = known.get(number)
  if (entry?.group.kind === 'allow') {
    console.log(`OPEN     ${number} (${entry.owner || 'resident'})`)
  } else if (entry?.group.kind === 'block') {
    console.log(`BLOCKED  ${number}`)
  } else if (entry !== undefined) {
    console.log(`VISITOR  ${number} until ${entry.endTime}`)
  } else {
    // A visitor pass: added, then its validity set in the camera's own time zone.
    const end = new Date(Date.now() + 2 * 60 * 60 * 1000)
    const [result] = await cam.plates.add([{ number, group: 'temporary', owner: 'Visitor', end }])
    console.log(`PASS     ${number}: ${result?.status} until ${end.toISOString()}`)
    // The pass as the camera stores it, with its times in the camera's local time.
    for await (const plate of cam.plates.list({ group: 'temporary' })) {
      if (plate.number === number) known.set(number, plate)
    }
  }
  if (++seen >= maxEvents) break
}
await server.shutdown()
await cam.close()
