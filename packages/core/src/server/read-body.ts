import type { IncomingMessage } from 'node:http'
import type { BodyParser } from '../parser/body-parser.js'

/** How reading a body ended. */
export type BodyOutcome = 'end' | 'too-large' | 'aborted'

function ignore(): void {}

/**
 * Feeds a request body to a parser chunk by chunk. The request is paused while image files are
 * being written (the parser's `idle()`), so a slow disk slows the socket rather than growing
 * memory. Past `maxBodyBytes` it stops at once and leaves the rest unread; the caller answers 413
 * and closes. `raw`, when given, collects the chunks for `onRaw`.
 *
 * Listening for `data` rather than iterating: leaving a `for await` destroys the request and with
 * it the socket, before the 413 could be written.
 */
export function readBody(
  req: IncomingMessage,
  parser: BodyParser,
  raw: Buffer[] | null,
): Promise<BodyOutcome> {
  // A request whose socket closed while it waited for queue room cannot be read any more.
  if (req.destroyed) return Promise.resolve('aborted')
  // Node emits `error` on a request only when someone listens; keep one so none goes unhandled.
  req.on('error', ignore)
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: BodyOutcome): void => {
      if (settled) return
      settled = true
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('close', onClose)
      resolve(outcome)
    }
    const onData = (chunk: Buffer): void => {
      parser.write(chunk)
      if (parser.failure?.reason === 'too-large') {
        req.pause()
        finish('too-large')
        return
      }
      raw?.push(chunk)
      const io = parser.idle()
      if (io !== null) {
        req.pause()
        void io.then(() => {
          if (!settled) req.resume()
        })
      }
    }
    const onEnd = (): void => finish('end')
    // 'close' before 'end' means the body was not read to its end.
    const onClose = (): void => finish('aborted')
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('close', onClose)
  })
}
