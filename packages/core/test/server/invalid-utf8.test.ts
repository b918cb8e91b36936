import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, type UnparsedInfo } from '../../src/index.js'
import { ipcLpr } from '../helpers/bodies.js'
import { postRequest, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

describe('invalid UTF-8 bodies', () => {
  it('delivers an event whose plate holds invalid bytes, with U+FFFD in their place', async () => {
    const raws: string[] = []
    const { server, port } = await startTestServer({ onRaw: (text) => void raws.push(text) })
    const events = server.events()
    const body = Buffer.from(ipcLpr({ plate: 'AB####' }))
    // 0xFF and 0xFE never occur in UTF-8; 0xC3 0x28 is a lead byte followed by a non-continuation.
    body.set([0xff, 0xfe, 0xc3, 0x28], body.indexOf('####'))
    const raw = await RawConnection.open(port)
    await raw.write(postRequest(body))
    expect((await raw.readResponse()).text).toBe(SUCCESS_REPLY)
    const event = (await events.next()).value as LprEvent
    expect(event.plateNumber).toBe('AB\uFFFD\uFFFD\uFFFD(')
    expect(raws[0]).toContain('AB\uFFFD\uFFFD\uFFFD(')
  })

  it('decodes valid multi-byte characters split across TCP segments', async () => {
    const { server, port } = await startTestServer()
    const events = server.events()
    const plate = 'MÜNCHEN€京A12345'
    const body = Buffer.from(ipcLpr({ plate }))
    const request = postRequest(body)
    const raw = await RawConnection.open(port)
    // Split inside '€' (3 bytes) and inside '京' (3 bytes).
    const euro = request.indexOf('€') + 1
    const jing = request.indexOf('京') + 2
    await raw.writeSlowly([
      request.subarray(0, euro),
      request.subarray(euro, jing),
      request.subarray(jing),
    ])
    expect((await raw.readResponse()).status).toBe(200)
    expect(((await events.next()).value as LprEvent).plateNumber).toBe(plate)
  })

  it('answers 200 to bodies that are not UTF-8 at all, and reports why they were not parsed', async () => {
    const unparsed: UnparsedInfo[] = []
    const { server, port } = await startTestServer({
      onUnparsed: (info) => void unparsed.push(info),
    })
    const bodies = [
      Buffer.concat([Buffer.from('<'), randomBytes(64 * 1024)]), // random bytes after a "<"
      Buffer.from([0x3c, 0xff, 0xfe, 0x3e, 0x80, 0x81]), // invalid bytes as a tag name
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ipcLpr(), 'utf16le')]), // UTF-16
      Buffer.from(ipcLpr().replace('VEHICE', 'VEH\u0000ICE')), // a NUL inside the XML
    ]
    const raw = await RawConnection.open(port)
    for (const body of bodies) {
      await raw.write(postRequest(body))
      expect((await raw.readResponse()).text).toBe(SUCCESS_REPLY)
    }
    expect(unparsed).toHaveLength(bodies.length)
    for (const info of unparsed) expect(['not-xml', 'parse-error']).toContain(info.reason)
    expect(server.stats()).toMatchObject({ posts: bodies.length, acknowledged: bodies.length })
  })
})
