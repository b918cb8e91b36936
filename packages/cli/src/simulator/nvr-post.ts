import { connect as connectTcp, isIP, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { readHttpReply } from './http-reply.js'
import { failedPost, judgeReply, type PostOutcome } from './post-outcome.js'

/** NVRs label their v2 bodies as SOAP XML (protocol §1.2). */
const NVR_CONTENT_TYPE = 'application/soap+xml; charset=utf-8'

/**
 * Sends one post the way an NVR does with its default "Non-Persistent Connection": a new
 * connection, an absolute-form request line (`POST http://host:port/API HTTP/1.1`) and
 * `Connection: close`. HTTP clients such as undici always write origin-form request lines, so
 * the request is written by hand on a raw socket. Never rejects.
 */
export function postAbsoluteForm(
  target: URL,
  path: string,
  body: Buffer,
  timeout: number,
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const host = target.hostname.replace(/^\[|\]$/g, '')
    const https = target.protocol === 'https:'
    const port = Number(target.port || (https ? 443 : 80))
    const socket: Socket = https
      ? connectTls({ host, port, ...(isIP(host) === 0 ? { servername: host } : {}) })
      : connectTcp({ host, port })
    const chunks: Buffer[] = []
    let settled = false
    const finish = (outcome: PostOutcome): void => {
      if (settled) return
      settled = true
      socket.destroy()
      resolve(outcome)
    }
    const read = (ended: boolean): void => {
      try {
        const reply = readHttpReply(Buffer.concat(chunks), ended)
        if (reply !== null) finish(judgeReply(reply.status, reply.body.toString('utf8')))
      } catch (error) {
        finish(failedPost(error))
      }
    }
    socket.setTimeout(timeout, () => finish(failedPost(new Error(`no reply within ${timeout} ms`))))
    socket.on('error', (error) => finish(failedPost(error)))
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      read(false)
    })
    socket.on('end', () => read(true))
    const head = [
      `POST ${target.protocol}//${target.host}${path} HTTP/1.1`,
      `Host: ${target.host}`,
      `Content-Type: ${NVR_CONTENT_TYPE}`,
      `Content-Length: ${body.length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n')
    socket.write(head)
    socket.write(body)
  })
}
