import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Base64Decoder, type DecodedSink } from '../../src/parser/base64-decoder.js'
import {
  PREFERRED_QUARTETS,
  QUARTET_IMPLEMENTATIONS,
  type QuartetDecoder,
} from '../../src/parser/base64-quartets.js'

interface Decoded {
  bytes: Buffer
  error: string | null
}

/**
 * A sink that collects what it gets. `direct` also offers a buffer to decode into (as the
 * `'memory'` image writer does), on every other call, so both paths take turns.
 */
function collector(direct: boolean): DecodedSink & { parts: Buffer[] } {
  const parts: Buffer[] = []
  let offered: Buffer | null = null
  let calls = 0
  return {
    parts,
    // The decoder reuses its output buffer: copy, as every sink must.
    write: (bytes) => parts.push(Buffer.from(bytes)),
    ...(direct
      ? {
          space: (size: number) => {
            offered = calls++ % 2 === 0 ? Buffer.alloc(size) : null
            return offered
          },
          commit: (size: number) => parts.push((offered as Buffer).subarray(0, size)),
        }
      : {}),
  }
}

/** Feeds `text` cut at `cuts` (offsets, any order) and returns what came out. */
function decodeWith(
  quartets: QuartetDecoder,
  text: string,
  cuts: readonly number[] = [],
  direct = false,
): Decoded {
  const sink = collector(direct)
  const parts = sink.parts
  const decoder = new Base64Decoder(sink, quartets)
  const input = Buffer.from(text, 'latin1')
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b)
  let from = 0
  for (const at of [...points, input.length]) {
    decoder.write(input.subarray(from, at))
    from = at
  }
  const error = decoder.end()
  const bytes = Buffer.concat(parts)
  expect(decoder.byteLength).toBe(bytes.length)
  return { bytes, error }
}

/** Offsets that slice `text` every `size` bytes. */
function every(text: string, size: number): number[] {
  const cuts: number[] = []
  for (let at = size; at < text.length; at += size) cuts.push(at)
  return cuts
}

describe('base64 quartet implementations', () => {
  it('prefers the standard setFromBase64 exactly where the runtime has it', () => {
    const has = typeof (Uint8Array.prototype as { setFromBase64?: unknown }).setFromBase64
    expect(PREFERRED_QUARTETS.name).toBe(
      has === 'function' ? 'Uint8Array#setFromBase64' : 'Buffer#write',
    )
    expect(QUARTET_IMPLEMENTATIONS.map((i) => i.name)).toContain('Buffer#write')
  })
})

// Every implementation this Node line offers goes through the same cases (CI runs this file on
// every supported line, and on a current one that has setFromBase64).
describe.each(QUARTET_IMPLEMENTATIONS.map((i) => [i.name, i.decode] as const))(
  'Base64Decoder with %s',
  (_name, quartets) => {
    const decode = (text: string, cuts: readonly number[] = [], direct = false) =>
      decodeWith(quartets, text, cuts, direct)
    /** Whole-image verdict, sliced every `size` bytes. */
    const sliced = (text: string, size: number, direct = false) =>
      decode(text, every(text, size), direct)
    const data = randomBytes(3000)

    it('decodes padded and unpadded data the same at every slice size, including the carry', () => {
      for (const length of [3000, 2999, 2998]) {
        const text = data.subarray(0, length).toString('base64')
        for (const size of [1, 2, 3, 4, 5, 6, 7, 64, 1001, 4096]) {
          for (const direct of [false, true]) {
            const out = sliced(text, size, direct)
            expect(out.error, `length ${length}, slices of ${size}`).toBeNull()
            expect(out.bytes.equals(data.subarray(0, length))).toBe(true)
          }
        }
      }
    })

    it('drops whitespace anywhere, even inside a quartet split across slices', () => {
      const text = data.toString('base64')
      const wrapped = text.replace(/(.{76})/g, '$1\r\n').replace(/(.{10})/, '$1 \t')
      for (const size of [1, 3, 5, 77, 78, 512]) {
        const out = sliced(wrapped, size)
        expect(out.error).toBeNull()
        expect(out.bytes.equals(data)).toBe(true)
      }
    })

    it.each([
      ['a URL-safe character', (t: string) => `${t.slice(0, 100)}-${t.slice(101)}`, /"-" or "_"/],
      ['an underscore', (t: string) => `${t.slice(0, 9)}_${t.slice(10)}`, /"-" or "_"/],
      ['a stray character', (t: string) => `${t.slice(0, 50)}*${t.slice(51)}`, /alphabet/],
      ['"=" inside the data', (t: string) => `${t.slice(0, 6)}=${t.slice(7)}`, /inside the data/],
      ['text after the padding', (t: string) => `${t}QUJD`, /after "=" padding/],
      ['a missing character', (t: string) => t.slice(0, -2), /multiple of 4/],
      ['nothing at all', () => ' \r\n', /no image data/],
    ])('rejects %s, with the same verdict at every slice size', (_name, mutate, reason) => {
      // 2999 bytes: the text ends in "=", so padding rules are in play.
      const text = mutate(data.subarray(0, 2999).toString('base64'))
      const whole = decode(text)
      expect(whole.error).toMatch(reason)
      // The verdict never depends on slicing. (What came out before it may: an invalid image's
      // bytes are dropped by every image mode.)
      for (const size of [1, 2, 3, 4, 5, 7, 64, 1000]) {
        expect(sliced(text, size).error).toBe(whole.error)
      }
    })

    it('gives the same bytes and verdict however any text is sliced (property)', () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
      const noise = fc.constantFrom('=', ' ', '\n', '-', '_', '*', '==')
      const text = fc
        .tuple(
          fc.uint8Array({ maxLength: 60 }),
          fc.array(fc.tuple(fc.nat(), noise), { maxLength: 3 }),
          fc.boolean(),
        )
        .map(([bytes, edits, raw]) => {
          let out = raw
            ? Array.from(bytes, (b) => alphabet[b % 64]).join('')
            : Buffer.from(bytes).toString('base64')
          for (const [at, piece] of edits) {
            const k = at % (out.length + 1)
            out = out.slice(0, k) + piece + out.slice(k)
          }
          return out
        })
      fc.assert(
        fc.property(text, fc.array(fc.nat(), { maxLength: 12 }), (input, cuts) => {
          const whole = decode(input)
          const cut = decode(input, cuts)
          expect(cut.error).toBe(whole.error)
          // Decoding straight into a sink's buffer changes nothing.
          const direct = decode(input, cuts, true)
          expect(direct.error).toBe(whole.error)
          if (whole.error === null) expect(direct.bytes.equals(whole.bytes)).toBe(true)
          // Valid text decodes to the same bytes however it is cut, and to what Node's own
          // decoder makes of it.
          if (whole.error === null) {
            expect(cut.bytes.equals(whole.bytes)).toBe(true)
            expect(whole.bytes.equals(Buffer.from(input.replace(/\s/g, ''), 'base64'))).toBe(true)
          }
        }),
        { numRuns: 3000 },
      )
    })
  },
)
