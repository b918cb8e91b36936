import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { processFigures, type RunningServer } from './running-server.js'

/** What the `'parse'` variant feeds each body to: our `BodyParser`, or anything shaped like it. */
export interface BodySink {
  write(chunk: Buffer): void
  endSync(): unknown
}

/**
 * The ceiling: a bare `node:http` server that reads each body to its end, discards it, and replies
 * the protocol's success XML with its exact headers. It imports nothing from the SDK (the reply
 * text comes from the parent), so its memory is Node's own.
 *
 * With `parser`, each body is also fed to a fresh parser whose result is dropped: the cost of
 * parsing inside a server, without the rest of `ViewtronServer` (callbacks, queue, consumer).
 */
export async function startNullServer(
  reply: string,
  parser?: () => BodySink,
): Promise<RunningServer> {
  const replyBytes = Buffer.from(reply, 'utf8')
  const headers = {
    'Content-Type': 'application/xml',
    'Content-Length': String(replyBytes.length),
  }
  let bodies = 0
  let bytes = 0
  let acknowledged = 0
  const http = createServer((req, res) => {
    const sink = parser?.() ?? null
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      sink?.write(chunk)
    })
    req.on('end', () => {
      sink?.endSync()
      bodies++
      res.writeHead(200, headers)
      res.end(replyBytes)
      acknowledged++
    })
  })
  // The same keep-alive settings as ViewtronServer's defaults, so sockets live as long.
  http.keepAliveTimeout = 130_000
  http.headersTimeout = 60_000
  http.requestTimeout = 300_000
  await new Promise<void>((resolve) => http.listen({ port: 0, host: '127.0.0.1' }, resolve))
  const snapshot = () => ({
    posts: bodies,
    acknowledged,
    delivered: bodies,
    categories: {},
    keepalives: 0,
    alarmStatus: 0,
    queueDepth: 0,
    unparsed: 0,
    bytes,
    images: 0,
    validImages: 0,
    checkedJpegs: 0,
    imageBytes: 0,
    ...processFigures(),
  })
  return {
    port: (http.address() as AddressInfo).port,
    snapshot,
    async stop() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve())
        http.closeAllConnections()
      })
      return snapshot()
    },
  }
}
