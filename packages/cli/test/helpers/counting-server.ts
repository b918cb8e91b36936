import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { SUCCESS_REPLY } from '@viewtron/core'
import { track } from './teardown.js'

/** One request as the counting server saw it. */
export interface SeenPost {
  method: string
  /** The request target as sent: a path (origin form) or a whole URL (absolute form). */
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** Which TCP connection carried it (1, 2, … in accept order). */
  connection: number
  at: number
}

/** A plain `node:http` server that records every post and answers the protocol's success reply. */
export interface CountingServer {
  url: string
  posts: SeenPost[]
  connections: number
}

/**
 * Starts a recording server on a free port; `teardown()` closes it and destroys its sockets.
 * `reply` can change the answer (to test failures).
 */
export async function startCountingServer(
  reply: (post: SeenPost) => { status: number; body: string } = () => ({
    status: 200,
    body: SUCCESS_REPLY,
  }),
): Promise<CountingServer> {
  const posts: SeenPost[] = []
  const sockets = new Map<Socket, number>()
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const post: SeenPost = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        connection: sockets.get(req.socket) ?? 0,
        at: Date.now(),
      }
      posts.push(post)
      const { status, body } = reply(post)
      res.writeHead(status, {
        'Content-Type': 'application/xml',
        'Content-Length': Buffer.byteLength(body),
      })
      res.end(body)
    })
  })
  server.keepAliveTimeout = 130_000
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, sockets.size + 1)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  track(server, async () => {
    for (const socket of sockets.keys()) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  return {
    url: `http://127.0.0.1:${port}/API`,
    posts,
    get connections() {
      return sockets.size
    },
  }
}
