import { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { ChunkedDecoder, ChunkedFramingError } from './chunked-decoder.js'

/*
 * A request carrying both `Transfer-Encoding: chunked` and `Content-Length` (the vendor's Python
 * SDK posts `Content-Length: 0` beside a chunked body). Node's parser (llhttp) refuses it with
 * HPE_INVALID_TRANSFER_ENCODING / HPE_INVALID_CONTENT_LENGTH / HPE_UNEXPECTED_CONTENT_LENGTH.
 * RFC 9112 §6.1 lets a server read such a request by its Transfer-Encoding alone, provided it
 * closes the connection after the reply.
 *
 * Node's `insecureHTTPParser` would accept it too, but it switches on every lenient llhttp flag
 * for every request (bare LF line ends, invalid header characters, data after `Connection: close`,
 * spaces after a chunk size…): each of those framing errors would stop being refused. So Node's
 * strict parser stays in charge, and only this one refusal is taken over: the server finds the
 * request's head in the bytes Node was parsing, reads the head and the chunked body itself
 * (strictly), answers, and closes. Nothing after that body is ever read, so nothing pipelined
 * behind it is served.
 */

const CONFLICT_CODES = new Set([
  'HPE_INVALID_TRANSFER_ENCODING',
  'HPE_INVALID_CONTENT_LENGTH',
  'HPE_UNEXPECTED_CONTENT_LENGTH',
])
const CONFLICT_REASON = /can't be present with (Transfer-Encoding|Content-Length)/
const HEAD_END = Buffer.from('\r\n\r\n')
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([\x21-\x7e]+) HTTP\/1\.1$/
/** A field line: token, colon, a value of visible characters, spaces, tabs and obs-text. */
const FIELD = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\t !-~\x80-\xff]*?)[ \t]*$/

/** Node's parser error, with what Node adds to it before `clientError`. */
export type ParserError = Error & {
  code?: string
  reason?: string
  rawPacket?: unknown
  bytesParsed?: unknown
}

/** True for the refusal of a request that has both `Transfer-Encoding` and `Content-Length`. */
export function isConflictingFraming(error: ParserError): boolean {
  return CONFLICT_CODES.has(error.code ?? '') && CONFLICT_REASON.test(error.reason ?? error.message)
}

/**
 * Where the refused request starts in the bytes Node was parsing (`rawPacket`): the first request
 * line before the error offset with no blank line after it, that is, inside the head being
 * parsed. A request may start right after the previous body with no line break, so the method is
 * matched by name rather than at a line start. `null` when the request line arrived in an earlier
 * read (then it is refused as before).
 */
export function headStart(packet: Buffer, errorAt: number): number | null {
  const text = packet.toString('latin1', 0, Math.min(errorAt + 1, packet.length))
  const line = /(?:GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|TRACE) [\x21-\x7e]+ HTTP\/1\.[01]\r\n/g
  for (let match = line.exec(text); match !== null; match = line.exec(text)) {
    if (text.indexOf('\r\n\r\n', match.index) === -1) return match.index
    line.lastIndex = match.index + 1
  }
  return null
}

/** A parsed head of the one shape taken over. */
export interface ConflictingHead {
  method: string
  url: string
  /** Lower-case names; `Content-Length` left out (the body is framed by its chunks). */
  headers: Record<string, string>
  rawHeaders: string[]
}

/**
 * Parses a head (request line and fields, without the blank line) as strictly as Node would,
 * and accepts only HTTP/1.1 with exactly one `Transfer-Encoding`, whose value is `chunked`, and
 * at least one `Content-Length`. Anything else: `null` (refused).
 */
export function parseConflictingHead(head: string): ConflictingHead | null {
  const lines = head.split('\r\n')
  const request = REQUEST_LINE.exec(lines[0] ?? '')
  if (request === null) return null
  const headers: Record<string, string> = {}
  const rawHeaders: string[] = []
  let encodings = 0
  let lengths = 0
  for (const line of lines.slice(1)) {
    const field = FIELD.exec(line)
    if (field === null) return null // obs-fold, bare CR or LF, control characters, no colon
    const [, name = '', value = ''] = field
    const key = name.toLowerCase()
    if (key === 'content-length') {
      lengths++
      continue
    }
    if (key === 'transfer-encoding') {
      encodings++
      if (value.toLowerCase() !== 'chunked') return null
    }
    rawHeaders.push(name, value)
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value
  }
  if (encodings !== 1 || lengths === 0) return null
  return { method: request[1] ?? '', url: request[2] ?? '', headers, rawHeaders }
}

/** What an adopted request reports back to the server. */
export interface AdoptionEvents {
  /** The head is complete: hand the request to the usual handling. */
  request(req: IncomingMessage, res: ServerResponse): void
  /** The head or the body broke the rules: refuse with 400 (or 431 for a head too large). */
  refuse(status: 400 | 431): void
}

/**
 * Reads one request from a socket Node's parser gave up on: the head from `start` of `packet`
 * (more bytes arrive as needed, up to `maxHeaderSize`), then the chunked body, pushed into a
 * real `IncomingMessage`. The `ServerResponse` announces `Connection: close`.
 */
export function adoptRequest(
  socket: Socket,
  packet: Buffer,
  start: number,
  maxHeaderSize: number,
  events: AdoptionEvents,
): void {
  let pending: Buffer = packet.subarray(start)
  let req: IncomingMessage | null = null
  const decoder = new ChunkedDecoder(maxHeaderSize)
  const stop = (): void => {
    socket.off('data', onData)
    socket.off('end', onGone)
    socket.off('close', onGone)
  }
  const body = (chunk: Buffer, message: IncomingMessage): void => {
    let decoded: { data: Buffer[]; used: number }
    try {
      decoded = decoder.write(chunk)
    } catch (error) {
      if (!(error instanceof ChunkedFramingError)) throw error
      stop()
      // Refused first: destroying the request destroys its socket too. No error is given to
      // destroy(), which would be an 'error' event no one may be listening for yet.
      events.refuse(400)
      message.destroy()
      return
    }
    let room = true
    for (const data of decoded.data) room = message.push(data) && room
    if (decoder.done) {
      stop()
      message.complete = true
      message.push(null)
    } else if (!room) {
      socket.pause()
    }
  }
  const onData = (chunk: Buffer): void => {
    if (req !== null) {
      body(chunk, req)
      return
    }
    pending = Buffer.concat([pending, chunk])
    const end = pending.indexOf(HEAD_END)
    if (end === -1) {
      if (pending.length > maxHeaderSize) {
        stop()
        events.refuse(431)
      }
      return
    }
    if (end > maxHeaderSize) {
      stop()
      events.refuse(431)
      return
    }
    const head = parseConflictingHead(pending.toString('latin1', 0, end))
    if (head === null) {
      stop()
      events.refuse(400)
      return
    }
    req = new IncomingMessage(socket)
    Object.assign(req, {
      method: head.method,
      url: head.url,
      httpVersion: '1.1',
      httpVersionMajor: 1,
      httpVersionMinor: 1,
      headers: head.headers,
      rawHeaders: head.rawHeaders,
    })
    // Reading resumes the socket once the parser wants more (IncomingMessage's own _read does).
    const res = new ServerResponse(req)
    res.shouldKeepAlive = false
    const rest = pending.subarray(end + HEAD_END.length)
    pending = Buffer.alloc(0)
    events.request(req, res)
    if (rest.length > 0) body(rest, req)
  }
  const onGone = (): void => {
    stop()
    req?.destroy()
  }
  // A `data` listener also takes the socket out of Node's native parsing (it "unconsumes" it).
  socket.on('data', onData)
  socket.once('end', onGone)
  socket.once('close', onGone)
  onData(Buffer.alloc(0))
}
