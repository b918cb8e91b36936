import { Readable } from 'node:stream'
import { BodyParser } from './parser/body-parser.js'
import type { ParseOptions, ParseResult } from './types.js'

/**
 * Parses a whole body synchronously. With `images: { dir }` files are written with synchronous
 * calls. Bad input never throws: it resolves as `{ kind: 'unparsed', reason, detail }`.
 * A bad option (a non-positive limit, an unknown image mode) throws a `RangeError`/`TypeError`.
 *
 * @example
 * ```ts
 * const result = parseEvent(readFileSync('capture.xml'))
 * if (result.kind === 'event' && result.event.category === 'lpr') console.log(result.event.plateNumber)
 * ```
 */
export function parseEvent(body: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const parser = new BodyParser(options, true)
  parser.write(body)
  return parser.endSync()
}

type Body = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>

/** Anything chunked we can read: async or sync iterables, and old-style streams. */
function toIterable(body: unknown): Body | null {
  if (body === null || typeof body !== 'object') return null
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
    return body as Body
  if (typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function') return body as Body
  if (typeof (body as NodeJS.ReadableStream).on === 'function') {
    return new Readable({ objectMode: false }).wrap(body as NodeJS.ReadableStream)
  }
  return null
}

/**
 * Parses a body as it streams in: image text is decoded (or discarded, or written to disk) as it
 * arrives, so memory stays flat whatever the body size. Never rejects for bad input or a failing
 * stream; it resolves with a result. After a parse failure the rest of the body is still read (and
 * only counted), except past `maxBodyBytes`, where reading stops at once.
 */
export async function parseEventStream(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | NodeJS.ReadableStream,
  options: ParseOptions = {},
): Promise<ParseResult> {
  const parser = new BodyParser(options)
  const { signal } = options
  const source = toIterable(body)
  if (source === null) {
    parser.fail(
      'parse-error',
      'the body is not a stream, an async iterable or an iterable of chunks',
    )
    return parser.end()
  }
  try {
    for await (const chunk of source) {
      parser.write(chunk)
      const io = parser.idle()
      if (io !== null) await io
      if (parser.failure?.reason === 'too-large') break
      if (signal?.aborted) {
        parser.fail('parse-error', `parsing was aborted: ${String(signal.reason)}`)
        break
      }
    }
  } catch (error) {
    parser.fail(
      'parse-error',
      `the body stream failed: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  return parser.end()
}
