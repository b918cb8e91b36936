import { describe, expect, it } from 'vitest'
import { ChunkedDecoder, ChunkedFramingError } from '../../src/server/chunked-decoder.js'
import { headStart, parseConflictingHead } from '../../src/server/conflicting-framing.js'

function decode(text: string, split = 1): { body: string; used: number; done: boolean } {
  const decoder = new ChunkedDecoder(1024)
  const input = Buffer.from(text, 'latin1')
  let body = ''
  let used = 0
  for (let i = 0; i < input.length && !decoder.done; i += split) {
    const part = input.subarray(i, i + split)
    const out = decoder.write(part)
    body += Buffer.concat(out.data).toString('latin1')
    used += out.used
  }
  return { body, used, done: decoder.done }
}

describe('ChunkedDecoder', () => {
  it('decodes chunks with extensions and trailers, byte by byte as well as at once', () => {
    const text = '5;name=v\r\nhello\r\n6 ;x\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT'
    for (const split of [1, 3, text.length]) {
      expect(decode(text, split)).toEqual({
        body: 'hello world',
        used: text.length - 4,
        done: true,
      })
    }
  })

  it.each([
    ['a bare LF after the size', '5\nhello\r\n0\r\n\r\n'],
    ['data longer than its size', '3\r\nhello\r\n0\r\n\r\n'],
    ['a size with a space and no extension', '5 \r\nhello\r\n0\r\n\r\n'],
    ['a size that is not hex', 'g\r\n'],
    ['a size too large to be real', 'fffffffffffffff\r\n'],
    ['a trailer that is not a field', '0\r\nnot a field\r\n\r\n'],
  ])('refuses %s', (_, text) => {
    expect(() => decode(text)).toThrow(ChunkedFramingError)
  })

  it('bounds the trailer section', () => {
    const decoder = new ChunkedDecoder(64)
    expect(() => decoder.write(Buffer.from(`0\r\nX-A: ${'a'.repeat(100)}\r\n\r\n`))).toThrow(
      /trailer section too large/,
    )
  })
})

describe('the head of a post carrying both Transfer-Encoding and Content-Length', () => {
  it('is found after the requests before it, and parsed without Content-Length', () => {
    const packet = Buffer.from(
      'POST /a HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcdPOST /API HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 0',
    )
    const start = headStart(packet, packet.length - 5)
    expect(start).toBe(packet.indexOf('POST /API'))
    expect(
      parseConflictingHead(
        'POST /API HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nContent-Length: 0',
      ),
    ).toEqual({
      method: 'POST',
      url: '/API',
      headers: { host: 'x', 'transfer-encoding': 'Chunked' },
      rawHeaders: ['Host', 'x', 'Transfer-Encoding', 'Chunked'],
    })
  })

  it('starts at its own request line, not at one quoted in a header value', () => {
    const packet = Buffer.from(
      'POST /API HTTP/1.1\r\nX-Note: GET /other HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 0',
    )
    expect(headStart(packet, packet.length - 3)).toBe(0)
  })

  it('is not found when its start came in an earlier read', () => {
    const packet = Buffer.from('Transfer-Encoding: chunked\r\nContent-Length: 0\r\n')
    expect(headStart(packet, packet.length - 3)).toBeNull()
  })

  it.each([
    ['HTTP/1.0', 'POST /API HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 0'],
    ['no Content-Length', 'POST /API HTTP/1.1\r\nTransfer-Encoding: chunked'],
    [
      'obs-fold',
      'POST /API HTTP/1.1\r\nTransfer-Encoding: chunked\r\n folded\r\nContent-Length: 0',
    ],
    [
      'a control character',
      'POST /API HTTP/1.1\r\nX: a\u0001\r\nTransfer-Encoding: chunked\r\nContent-Length: 0',
    ],
  ])('refuses a head with %s', (_, head) => {
    expect(parseConflictingHead(head)).toBeNull()
  })
})
