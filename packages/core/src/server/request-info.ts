import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

/** The peer address as cameras know it: IPv4-mapped IPv6 (`::ffff:10.0.0.5`) shown as IPv4. */
export function clientIpOf(socket: Socket): string {
  const address = socket.remoteAddress ?? ''
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

/**
 * The path of a request line in origin form (`/API`) or absolute form
 * (`http://10.0.0.2:5050/API`, as NVRs send), without the query.
 */
export function pathnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://x').pathname
  } catch {
    return ''
  }
}

/**
 * The body length the request announces: the `Content-Length`, `null` for a chunked body (length
 * unknown until it ends), `0` when neither header is present (no body, as HTTP/1.x defines).
 */
export function declaredLength(req: IncomingMessage): number | null {
  if (req.headers['transfer-encoding'] !== undefined) return null
  const header = req.headers['content-length']
  // Node has already rejected malformed and conflicting values with 400.
  return header === undefined ? 0 : Number(header)
}
