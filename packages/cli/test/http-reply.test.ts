import { SUCCESS_REPLY } from '@viewtron/core'
import { describe, expect, it } from 'vitest'
import { readHttpReply } from '../src/simulator/http-reply.js'

const reply = Buffer.from(
  `HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 126\r\nConnection: close\r\n\r\n${SUCCESS_REPLY}`,
)

describe('readHttpReply', () => {
  it('waits for the whole reply wherever the bytes are split', () => {
    for (let cut = 0; cut < reply.length; cut++) {
      expect(readHttpReply(reply.subarray(0, cut), false), `cut at ${cut}`).toBeNull()
    }
    const whole = readHttpReply(reply, false)
    expect(whole?.status).toBe(200)
    expect(whole?.body.toString()).toBe(SUCCESS_REPLY)
  })

  it('reads a reply without Content-Length to the close, and rejects a cut one', () => {
    const bare = Buffer.from('HTTP/1.0 503 Service Unavailable\r\n\r\nbusy')
    expect(readHttpReply(bare, false)).toBeNull()
    expect(readHttpReply(bare, true)).toMatchObject({ status: 503 })
    expect(() => readHttpReply(reply.subarray(0, 100), true)).toThrow(/closed before/)
    expect(() => readHttpReply(Buffer.from('SSH-2.0\r\n\r\n'), true)).toThrow(/not an HTTP reply/)
  })
})
