import { StringDecoder } from 'node:string_decoder'
import { SaxesParser } from 'saxes'
import type { BodySink } from './null-server.js'

function ignore(): void {}

/**
 * A body fed to saxes and nothing else: UTF-8 decoding, then a fresh parser per body with no-op
 * handlers for the events any SDK must listen to (tags and text). No tree, no event, no images:
 * the least a saxes-based SDK spends on a post, for the "null + saxes" reference row.
 */
export class BareSaxes implements BodySink {
  readonly #decoder = new StringDecoder('utf8')
  readonly #sax = new SaxesParser({ xmlns: false, position: false })

  constructor() {
    this.#sax.on('opentag', ignore)
    this.#sax.on('closetag', ignore)
    this.#sax.on('text', ignore)
    this.#sax.on('cdata', ignore)
    this.#sax.on('error', ignore)
  }

  write(chunk: Buffer): void {
    this.#sax.write(this.#decoder.write(chunk))
  }

  endSync(): void {
    this.#sax.write(this.#decoder.end())
    this.#sax.close()
  }
}
