import { classify, emptyKeepalive } from '../extract/classify.js'
import type { ParseOptions, ParseResult, UnparsedReason } from '../types.js'
import { BodySplitter } from './body-splitter.js'
import { CheckedParseOptions, checkImageMode } from './checked-parse-options.js'
import { ElementTree } from './element-tree.js'
import { ImageStore } from './image-store.js'
import { ParseStop } from './limit-error.js'
import { type ResolvedLimits, resolveLimits } from './limits.js'

/** Why a {@link BodyParser} stopped early: the body resolves as `unparsed` with these. */
export interface ParseFailure {
  /** Why, as a stable code to match on. */
  reason: UnparsedReason
  /** What exactly was wrong, for a log line. */
  detail: string
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8')
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

/**
 * Push-style streaming parser for one body: `write()` each chunk as it arrives, then `end()`.
 * Bad input never throws; it ends as an `unparsed` result, and after the first failure further
 * chunks are only counted, so the caller can keep reading the body to its end cheaply.
 *
 * The data flow is bytes → the body splitter → (XML → saxes → element tree) and
 * (image text → base64 decoder → image store), then the tree is classified into a typed result.
 */
export class BodyParser {
  readonly #limits: ResolvedLimits
  readonly #images: ImageStore
  readonly #tree: ElementTree
  readonly #splitter: BodySplitter
  readonly #clientIp: string
  readonly #receivedAt: Date
  #bytes = 0
  #failure: ParseFailure | null = null

  /**
   * @param options - parse options; limits are checked here and a bad one throws a `RangeError`.
   * @param sync - write image files with synchronous calls (for {@link parseEvent}).
   */
  constructor(options: ParseOptions = {}, sync = false) {
    // A server checks its options once, not for every post.
    const checked = options instanceof CheckedParseOptions ? options : null
    this.#limits = checked?.limits ?? resolveLimits(options)
    const mode = checked?.images ?? checkImageMode(options.images ?? 'memory')
    this.#images = new ImageStore(mode, this.#limits.maxImageBytes, sync)
    this.#tree = new ElementTree(this.#limits, this.#images)
    this.#splitter = new BodySplitter(this.#tree, this.#limits.maxTextBytes)
    this.#clientIp = options.clientIp ?? ''
    this.#receivedAt = options.receivedAt ?? new Date()
  }

  /** Body bytes seen so far. */
  get bytes(): number {
    return this.#bytes
  }

  /** The failure that ended parsing early, if any. */
  get failure(): Readonly<ParseFailure> | null {
    return this.#failure
  }

  /** Errors met while writing images to a directory; the affected images say so in `error`. */
  get imageErrors(): readonly Error[] {
    return this.#images.errors
  }

  /** Feeds the next chunk. Never throws for bad input. */
  write(chunk: Uint8Array | string): void {
    const buf = toBuffer(chunk)
    this.#bytes += buf.length
    if (this.#failure !== null) return
    if (this.#bytes > this.#limits.maxBodyBytes) {
      this.fail('too-large', `the body exceeds maxBodyBytes (${this.#limits.maxBodyBytes} bytes)`)
      return
    }
    try {
      this.#splitter.write(buf)
    } catch (error) {
      this.#catch(error)
    }
  }

  /**
   * Pending image-file writes, to await before the next chunk (bounds what is queued); or `null`.
   */
  idle(): Promise<void> | null {
    return this.#images.idle()
  }

  /** Stops parsing with a reason; later chunks are only counted. */
  fail(reason: UnparsedReason, detail: string): void {
    this.#failure ??= { reason, detail }
  }

  #catch(error: unknown): void {
    if (error instanceof ParseStop) this.fail(error.reason, error.message)
    else
      this.fail(
        'parse-error',
        `internal error: ${error instanceof Error ? error.message : String(error)}`,
      )
  }

  /** Completes the document; on success returns the tree's root. */
  #finishTree(): void {
    if (this.#failure !== null) return
    try {
      this.#splitter.end()
      if (this.#splitter.sawMarkup) this.#tree.end()
    } catch (error) {
      this.#catch(error)
    }
  }

  #result(): ParseResult {
    if (this.#failure !== null) {
      return {
        kind: 'unparsed',
        reason: this.#failure.reason,
        detail: this.#failure.detail,
        bytes: this.#bytes,
      }
    }
    const arrival = { clientIp: this.#clientIp, receivedAt: this.#receivedAt }
    const root = this.#tree.root
    if (!this.#splitter.sawMarkup || root === null) return emptyKeepalive(arrival)
    try {
      const result = classify(root, this.#tree.images, arrival)
      return result.kind === 'unparsed' ? { ...result, bytes: this.#bytes } : result
    } catch (error) {
      this.#catch(error)
      return this.#result()
    }
  }

  /** Ends the body and resolves the result, once every image file is written and closed. */
  async end(): Promise<ParseResult> {
    this.#finishTree()
    await this.#images.idle()
    const result = this.#result()
    if (result.kind !== 'event') await this.#images.discardFiles()
    else await this.#images.syncDirectory()
    return result
  }

  /**
   * Synchronous {@link end}, for a parser created with `sync = true` or one whose images are not
   * written to files (`'memory'`, `'discard'`): nothing is pending then.
   */
  endSync(): ParseResult {
    this.#finishTree()
    const result = this.#result()
    if (result.kind !== 'event') this.#images.discardFilesSync()
    else this.#images.syncDirectorySync()
    return result
  }
}
