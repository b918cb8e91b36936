import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { BASIC_CHALLENGE, type BasicAuth } from '@viewtron/core'
import { replyText, SECURITY_HEADERS } from './http-replies.js'

/**
 * Sets the security headers every reply carries and lets through only a request the monitor
 * answers: with credentials when `auth` is set, from a Host naming this machine when it is not,
 * and `GET` or `HEAD`. Anything else is answered here (401, 421, 405); returns whether the
 * request may go on.
 */
export function admitRequest(
  req: IncomingMessage,
  res: ServerResponse,
  auth: BasicAuth | null,
): boolean {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
  if (auth !== null && !auth.check(req.headers.authorization)) {
    replyText(res, 401, 'credentials required', { 'WWW-Authenticate': BASIC_CHALLENGE })
    return false
  }
  if (auth === null && !localHost(req)) {
    replyText(res, 421, 'unknown host name')
    return false
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    replyText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' })
    return false
  }
  return true
}

/** Without credentials, only a Host naming this machine: a rebound DNS name cannot read it. */
function localHost(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return host === 'localhost' || isIP(host) !== 0
}
