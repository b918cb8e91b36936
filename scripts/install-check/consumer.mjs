// A consumer of the published packages: run inside an empty project where the packed tarballs
// were installed with plain npm. Each package is imported by its public name and used for real;
// the result is printed as one JSON line for the test to check.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ViewtronCamera } from '@viewtron/camera'
import { simulate } from '@viewtron/cli'
import { ViewtronServer } from '@viewtron/core'
import { nvrVehiclePost, startFakeCamera } from '@viewtron/fixtures'
import { filter, pipe, take } from '@viewtron/helpers'
import { startMonitor } from '@viewtron/monitor'
import { eventTypeOf, Topics } from '@viewtron/mqtt'
import { openEventStore } from '@viewtron/store'

const dir = mkdtempSync(join(tmpdir(), 'viewtron-consumer-'))
const result = {}
const server = new ViewtronServer({ port: 0, host: '127.0.0.1' })
const store = await openEventStore({ path: join(dir, 'events.db'), imagesDir: join(dir, 'images') })
const camera = await startFakeCamera()
let monitor
try {
  // The store acknowledges a post only once it is committed; attach before listening.
  store.attach(server)
  const plates = pipe(
    server.events(),
    filter((event) => event.category === 'lpr'),
    take(1),
  )
  const { urls } = await server.listen()
  const reply = await fetch(urls[0], {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: nvrVehiclePost({ plate: 'PKG123' }),
  })
  result.status = reply.status
  for await (const event of plates) {
    result.category = event.category
    result.plate = event.plateNumber
    result.topic = new Topics('viewtron').event('cam1', event.category)
    result.eventType = eventTypeOf(event)
  }
  for await (const row of store.find({ plate: 'PKG123' })) result.stored = row.plate

  const summary = await simulate({ target: urls[0], mode: 'ipc', cameras: 1, count: 2, seed: 1 })
  result.simulated = { posts: summary.posts > 0, failed: summary.failed }

  const client = new ViewtronCamera({ url: camera.url, password: camera.password })
  result.model = (await client.deviceInfo()).model
  await client.close()

  monitor = await startMonitor({ port: 0, host: '127.0.0.1' })
  monitor.attach(server)
  const page = await fetch(monitor.url)
  result.monitor = `${page.status} ${page.headers.get('content-type')}`
} finally {
  await monitor?.close()
  await camera.close()
  await server.shutdown()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
console.log(JSON.stringify(result))
