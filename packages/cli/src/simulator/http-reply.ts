/** A reply read off a raw socket. */
export interface HttpReply {
  status: number
  body: Buffer
}

const HEAD_END = Buffer.from('\r\n\r\n')

/**
 * Reads a complete HTTP/1.x reply from the bytes received so far: `null` while more are needed.
 * A reply without `Content-Length` is complete when the server has closed (`ended`).
 *
 * @throws Error when the bytes are not an HTTP reply.
 */
export function readHttpReply(received: Buffer, ended: boolean): HttpReply | null {
  const headEnd = received.indexOf(HEAD_END)
  if (headEnd === -1) {
    if (ended) throw new Error('the connection closed before a complete reply')
    return null
  }
  const head = received.subarray(0, headEnd).toString('latin1').split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]
  if (status === undefined) throw new Error(`not an HTTP reply: ${JSON.stringify(head[0])}`)
  const lengthLine = head.find((line) => /^content-length\s*:/i.test(line))
  const body = received.subarray(headEnd + HEAD_END.length)
  if (lengthLine === undefined) return ended ? { status: Number(status), body } : null
  const length = Number(lengthLine.slice(lengthLine.indexOf(':') + 1).trim())
  if (body.length < length) {
    if (ended) throw new Error('the connection closed before the reply body ended')
    return null
  }
  return { status: Number(status), body: body.subarray(0, length) }
}
