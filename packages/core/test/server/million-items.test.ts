import { afterEach, describe, expect, it } from 'vitest'
import { SUCCESS_REPLY, type UnparsedInfo } from '../../src/index.js'
import { MiB, sampleMemory } from '../helpers/memory.js'
import { RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<config version="1.7" xmlns="http://www.ipc.com/ver10">
  <smartType type="openAlramObj">VEHICE</smartType>
  <listInfo type="list" count="1000000">`
const TAIL = '</listInfo></config>'
const ITEM = '<item><plateNumber><![CDATA[AB123]]></plateNumber></item>'

describe('a list of a million items', () => {
  it('ends as unparsed "limit" at maxListItems, drains the rest, answers 200, bounded memory', async () => {
    const items = 1_000_000
    const bodyLength = HEAD.length + ITEM.length * items + TAIL.length
    const unparsed: UnparsedInfo[] = []
    const { server, port } = await startTestServer({
      onUnparsed: (info) => void unparsed.push(info),
    })
    const events = server.events()
    // 1,000 items per write, one buffer reused: the sender holds ~60 KB at a time.
    const batch = Buffer.from(ITEM.repeat(1000))
    function* body(): Generator<Buffer | string> {
      yield `POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${bodyLength}\r\n\r\n${HEAD}`
      for (let sent = 0; sent < items; sent += 1000) yield batch
      yield TAIL
    }
    const raw = await RawConnection.open(port)
    const memory = sampleMemory()
    const started = performance.now()
    await raw.writeStream(body())
    const res = await raw.readResponse(60_000)
    const seconds = (performance.now() - started) / 1000
    const peak = memory.stop()
    expect(res.text).toBe(SUCCESS_REPLY)
    expect(unparsed).toMatchObject([{ reason: 'limit' }])
    expect(unparsed[0]?.detail).toMatch(/maxListItems/)
    expect(server.stats()).toMatchObject({
      bytes: bodyLength,
      posts: 1,
      acknowledged: 1,
      unparsed: { limit: 1 },
      queues: [{ depth: 0 }],
    })
    console.log(
      `[million-items] ${(bodyLength / MiB).toFixed(1)} MiB, ${items} items in ${seconds.toFixed(2)} s; ` +
        `peak growth: rss ${(peak.rss / MiB).toFixed(1)} MiB, heap+buffers ${(peak.heapAndBuffers / MiB).toFixed(1)} MiB`,
    )
    expect(peak.heapAndBuffers).toBeLessThan(64 * MiB)
    expect(seconds).toBeLessThan(30)
    void events
  })
})
