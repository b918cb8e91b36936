import { StringDecoder } from 'node:string_decoder'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { StoredImage } from '../event-image.js'
import { Base64Decoder } from './base64-decoder.js'
import type { ImageStore } from './image-store.js'
import type { ImageWriter } from './image-writer.js'
import { ParseStop } from './limit-error.js'
import type { ResolvedLimits } from './limits.js'

/** One element of a parsed body. Image elements keep their decoded result, never their text. */
export interface XmlElement {
  /** Local name as sent (`Width`, `deviceNo.`). */
  readonly name: string
  /** Local name in lower case, for case-insensitive look-ups. */
  readonly key: string
  readonly attrs: Readonly<Record<string, string>>
  /** Concatenated, trimmed text and CDATA of a leaf; `''` for elements with children. */
  text: string
  readonly children: XmlElement[]
  /** Set on `…Base64Data` elements once they close. */
  image: StoredImage | null
}

/** An image element and the block that holds it (`sourceDataInfo`, `targetImageData`). */
export interface ImageSite {
  element: XmlElement
  block: XmlElement
}

interface OpenImage {
  element: XmlElement
  decoder: Base64Decoder
  writer: ImageWriter
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

/** Decoded size implied by a block's `…Base64Length` (the base64 text length), or 0. */
function declaredBytes(block: XmlElement): number {
  for (const c of block.children) {
    if (c.key.endsWith('base64length')) {
      const chars = Number(c.text.trim())
      return Number.isSafeInteger(chars) && chars > 0 ? Math.ceil(chars / 4) * 3 : 0
    }
  }
  return 0
}

/** True for the elements whose content is base64 image data (`sourceBase64Data`, `targetBase64Data`). */
function isImageElement(key: string): boolean {
  return key.endsWith('base64data')
}

/**
 * Builds a small element tree from saxes events, enforcing the structural limits, and routes
 * image text (which bypasses saxes) to a base64 decoder for the image element that is open.
 *
 * A tree rather than a state machine: element order is not guaranteed by the protocol, the tree of
 * a post without its images is a few KB, and typed extraction then reads it by name.
 */
export class ElementTree {
  readonly #limits: ResolvedLimits
  readonly #images: ImageStore
  readonly #sax: SaxesParser<{ xmlns: false }>
  // Node's StringDecoder: several times faster than a streaming TextDecoder on short posts; it
  // keeps a multi-byte character split across chunks and replaces invalid bytes with U+FFFD.
  readonly #decoder = new StringDecoder('utf8')
  readonly #stack: XmlElement[] = []
  #root: XmlElement | null = null
  #elements = 0
  #image: OpenImage | null = null
  /**
   * Decoded XML from the last `<` on, held back so that saxes is only ever given input that ends
   * before a `<`: it reports some errors (text outside the root) only where its input ends, so
   * without this the error a body gets would depend on how it was chunked. Bounded by the
   * splitter's run limit.
   */
  #held = ''
  readonly #imageSites: ImageSite[] = []

  constructor(limits: ResolvedLimits, images: ImageStore) {
    this.#limits = limits
    this.#images = images
    const sax = new SaxesParser({ xmlns: false, position: false })
    sax.on('opentag', (tag) => this.#open(tag))
    sax.on('closetag', () => this.#close())
    sax.on('text', (text) => this.#text(text))
    sax.on('cdata', (text) => this.#text(text))
    sax.on('doctype', () => {
      throw new ParseStop('parse-error', 'a DOCTYPE is not allowed')
    })
    sax.on('error', (error) => {
      throw new ParseStop('parse-error', `malformed XML: ${error.message}`)
    })
    this.#sax = sax
  }

  /** The root element, once the document is complete. */
  get root(): XmlElement | null {
    return this.#root
  }

  /** Every image element with its block, in document order (recorded as they open). */
  get images(): readonly ImageSite[] {
    return this.#imageSites
  }

  /** Feeds raw XML bytes (UTF-8, split anywhere). */
  xml(bytes: Buffer): void {
    const text = this.#decoder.write(bytes)
    const lt = text.lastIndexOf('<')
    if (lt === -1) {
      this.#held += text
      return
    }
    const ready = this.#held + text.slice(0, lt)
    this.#held = text.slice(lt)
    if (ready.length > 0) this.#sax.write(ready)
  }

  /**
   * Parses everything held back: before image data (its element must be open), at the end, and
   * before the splitter stops the parse (so an earlier XML error wins).
   */
  settle(): void {
    if (this.#held.length === 0) return
    const held = this.#held
    this.#held = ''
    this.#sax.write(held)
  }

  /** Feeds image text for the open image element. */
  image(bytes: Buffer): void {
    this.settle()
    this.#image?.decoder.write(bytes)
  }

  /** The open image element held markup: its data is not an image. */
  imageBroken(reason: string): void {
    this.settle()
    this.#image?.decoder.fail(reason)
  }

  /** Ends the document; throws {@link ParseStop} if it is not well-formed. */
  end(): void {
    this.#held += this.#decoder.end()
    this.settle()
    this.#sax.close()
    if (this.#root === null) throw new ParseStop('parse-error', 'the body has no root element')
  }

  #open(tag: SaxesTagPlain): void {
    const depth = this.#stack.length + 1
    if (depth > this.#limits.maxDepth) {
      throw new ParseStop('limit', `elements nest deeper than maxDepth (${this.#limits.maxDepth})`)
    }
    if (++this.#elements > this.#limits.maxElements) {
      throw new ParseStop(
        'limit',
        `the body has more than maxElements (${this.#limits.maxElements}) elements`,
      )
    }
    const name = localName(tag.name)
    const element: XmlElement = {
      name,
      key: name.toLowerCase(),
      attrs: tag.attributes,
      text: '',
      children: [],
      image: null,
    }
    const parent = this.#stack.at(-1)
    if (parent === undefined) {
      this.#root = element
    } else {
      if (parent.children.length >= this.#limits.maxListItems) {
        throw new ParseStop(
          'limit',
          `<${parent.name}> has more than maxListItems (${this.#limits.maxListItems}) children`,
        )
      }
      // Containers have no meaningful text; dropping it keeps indentation from counting.
      parent.text = ''
      parent.children.push(element)
    }
    this.#stack.push(element)
    if (isImageElement(element.key)) {
      // An image element inside another: the outer one holds markup, so it is already broken;
      // finish it now, which also closes and removes its file.
      this.#finishImage()
      if (parent !== undefined) this.#imageSites.push({ element, block: parent })
      const writer = this.#images.open(parent === undefined ? 0 : declaredBytes(parent))
      this.#image = {
        element,
        writer,
        decoder: new Base64Decoder(writer),
      }
    }
  }

  #close(): void {
    const element = this.#stack.pop()
    if (element === undefined) return
    element.text = element.text.trim()
    if (this.#image?.element === element) this.#finishImage()
  }

  #finishImage(): void {
    if (this.#image === null) return
    const { element, decoder, writer } = this.#image
    this.#image = null
    element.image = writer.finish(decoder.end())
  }

  #text(text: string): void {
    const element = this.#stack.at(-1)
    if (element === undefined || element.children.length > 0) return
    if (element.text.length + text.length > this.#limits.maxTextBytes) {
      throw new ParseStop(
        'limit',
        `<${element.name}> holds more than maxTextBytes (${this.#limits.maxTextBytes}) of text`,
      )
    }
    element.text += text
  }
}
