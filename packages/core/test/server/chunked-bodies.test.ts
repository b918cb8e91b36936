import { afterEach, describe, expect, it } from 'vitest'
import { type LprEvent, SUCCESS_REPLY, type ViewtronEvent } from '../../src/index.js'
import { ipcLpr, TINY_JPEG, TINY_JPEG_BASE64 } from '../helpers/bodies.js'
import { chunked, RawConnection } from '../helpers/raw-http.js'
import { startTestServer, teardown } from '../helpers/start-test-server.js'

afterEach(teardown)

const HEAD = 'POST /API HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n'

// Non-ASCII in the plate and the device name, so a split can land inside a UTF-8 sequence.
const BODY = Buffer.from(
  ipcLpr({ plate: 'ÄB€12', deviceName: 'Café 東京', crop: TINY_JPEG_BASE64 }),
)

/** Byte offset of `needle` in BODY plus `delta`. */
function at(needle: string, delta: number): number {
  const index = BODY.indexOf(needle)
  if (index < 0) throw new Error(`${needle} not in body`)
  return index + delta
}

/** Splits BODY at the given offsets. */
function split(offsets: number[]): Buffer[] {
  const cuts = [0, ...offsets, BODY.length]
  return cuts.slice(1).map((end, i) => BODY.subarray(cuts[i], end))
}

describe('chunked bodies split at awkward places', () => {
  it('parses a body whose chunks end inside a tag, a CDATA marker, a UTF-8 character and image text', async () => {
    const events: ViewtronEvent[] = []
    const raws: string[] = []
    const { port } = await startTestServer({
      onEvent: (event) => void events.push(event),
      onRaw: (text) => void raws.push(text),
    })
    const offsets = [
      at('<plateNumber', 5), // inside a tag name
      at('<![CDATA[ÄB', 4), // inside the CDATA opening marker
      at('€', 1), // inside the 3-byte euro sign
      at('東', 2), // inside a 3-byte CJK character
      at(TINY_JPEG_BASE64, 37), // inside the image's base64 text
    ].sort((a, b) => a - b)
    const raw = await RawConnection.open(port)
    // Each chunk is its own HTTP chunk and its own TCP write, with pauses between them.
    await raw.writeSlowly([HEAD, ...chunked(split(offsets))])
    const res = await raw.readResponse()
    expect(res.status).toBe(200)
    expect(res.text).toBe(SUCCESS_REPLY)
    expect(events).toHaveLength(1)
    const event = events[0] as LprEvent
    expect(event.plateNumber).toBe('ÄB€12')
    expect(event.device.name).toBe('Café 東京')
    expect(event.getTargetImageBytes()).toEqual(TINY_JPEG)
    // onRaw gets the chunks decoded together, so split characters come out whole.
    expect(raws).toEqual([BODY.toString('utf8')])
  })

  it('splits the wire bytes themselves, chunk framing included, every few bytes', async () => {
    const events: ViewtronEvent[] = []
    const { port } = await startTestServer({ onEvent: (event) => void events.push(event) })
    const wire = Buffer.concat([
      Buffer.from(HEAD),
      ...chunked(split([at('<listInfo', 3), at('€', 2)])),
    ])
    const pieces: Buffer[] = []
    for (let offset = 0; offset < wire.length; offset += 97) {
      pieces.push(wire.subarray(offset, offset + 97))
    }
    const raw = await RawConnection.open(port)
    await raw.writeSlowly(pieces, 2)
    expect((await raw.readResponse()).status).toBe(200)
    expect((events[0] as LprEvent).plateNumber).toBe('ÄB€12')
  })

  it('gives the same event for a two-chunk body cut at every byte offset', async () => {
    const plates: string[] = []
    const { port, server } = await startTestServer({
      onEvent: (event) => void plates.push((event as LprEvent).plateNumber),
    })
    const raw = await RawConnection.open(port)
    for (let offset = 1; offset < BODY.length; offset++) {
      await raw.write(Buffer.concat([Buffer.from(HEAD), ...chunked(split([offset]))]))
      const res = await raw.readResponse()
      expect(res.status).toBe(200)
    }
    expect(plates).toHaveLength(BODY.length - 1)
    expect(new Set(plates)).toEqual(new Set(['ÄB€12']))
    expect(server.stats().connectionsTotal).toBe(1)
  })
})
