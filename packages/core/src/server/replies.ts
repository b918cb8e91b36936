import { type ServerResponse, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RejectStatus } from './server-stats.js'
import { SUCCESS_REPLY_BYTES, SUCCESS_REPLY_HEADERS } from './success-reply.js'

/** The text a `GET` gets, as the seed's server answers. */
export const RUNNING_TEXT = 'Viewtron event server running'

/**
 * `200 text/plain` for `GET` and `HEAD` (Node leaves the body out for `HEAD`). `close` asks Node
 * to close the socket after it (shutdown).
 */
export function replyRunning(res: ServerResponse, close: boolean): void {
  if (close) res.setHeader('Connection', 'close')
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Content-Length': String(Buffer.byteLength(RUNNING_TEXT)),
  })
  res.end(RUNNING_TEXT)
}

/**
 * The protocol's success reply. `close` asks Node to close the socket after it (shutdown).
 * Returns false when the client is already gone.
 */
export function replySuccess(res: ServerResponse, close: boolean): boolean {
  if (res.destroyed || res.writableEnded) return false
  if (close) res.setHeader('Connection', 'close')
  res.writeHead(200, SUCCESS_REPLY_HEADERS)
  res.end(SUCCESS_REPLY_BYTES)
  return true
}

/** The body of a refused post: the reply's shape, with a status that is not `success`. */
export const REFUSED_REPLY_BYTES: Buffer = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><config version="1.0" xmlns="http://www.ipc.com/ver10"><status>failed</status></config>',
  'utf8',
)

/**
 * `503` with `Retry-After` for a post a handler refused. Its body was read to the end, so the
 * connection stays open for the device's next post unless `close` (shutdown). Returns false when
 * the client is already gone.
 */
export function replyRefused(
  res: ServerResponse,
  retryAfterSeconds: number,
  close: boolean,
): boolean {
  if (res.destroyed || res.writableEnded) return false
  if (close) res.setHeader('Connection', 'close')
  res.writeHead(503, {
    'Retry-After': String(retryAfterSeconds),
    'Content-Type': 'application/xml',
    'Content-Length': String(REFUSED_REPLY_BYTES.length),
  })
  res.end(REFUSED_REPLY_BYTES)
  return true
}

/**
 * An error status with a short text body and `Connection: close`: the request's body, if any,
 * is left unread, so the socket cannot carry another request.
 */
export function replyError(
  res: ServerResponse,
  status: RejectStatus,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return
  const text = STATUS_CODES[status] ?? 'Error'
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain',
    'Content-Length': String(Buffer.byteLength(text)),
    Connection: 'close',
  })
  res.end(text)
}

/**
 * A refusal written straight to the socket, for errors Node's HTTP parser raises before there is a
 * request object (malformed HTTP, headers too large, a timeout). Like Node's own default it has
 * no body and the caller destroys the socket right after.
 */
export function writeRawRefusal(socket: Duplex, status: RejectStatus): void {
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  )
}
