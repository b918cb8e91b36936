/**
 * Decodes whole base64 quartets (`text`, no whitespace, possibly ending in `=`/`==`) into `out`
 * at `at`. True only when exactly `expected` bytes came out and all of `text` was taken: a stray
 * character, whitespace or misplaced `=` makes it false (the caller then takes its validating
 * slow path), so every implementation gives the same verdict and bytes.
 */
export type QuartetDecoder = (out: Buffer, text: string, at: number, expected: number) => boolean

/** One way of decoding quartets, named for tests and reports. */
export interface QuartetImplementation {
  name: string
  decode: QuartetDecoder
}

/** `Uint8Array.prototype.setFromBase64` (ES2026), typed here as the Node 20 typings lack it. */
type SetFromBase64 = (
  this: Uint8Array,
  text: string,
  options?: { alphabet?: 'base64' | 'base64url'; lastChunkHandling?: 'loose' | 'strict' },
) => { read: number; written: number }

/**
 * `Buffer#write(…, 'base64')` into the caller's buffer: no allocation. Node skips characters
 * outside the alphabet, which the byte count gives away.
 */
const bufferWrite: QuartetImplementation = {
  name: 'Buffer#write',
  decode: (out, text, at, expected) => out.write(text, at, expected, 'base64') === expected,
}

/**
 * The standard `Uint8Array#setFromBase64`, where the runtime has it: it throws on characters
 * outside the alphabet and stops before a chunk that does not fit, so short reads or writes
 * count as failures. `'loose'` keeps Node's acceptance of non-zero bits before the padding.
 */
function setFromBase64(method: SetFromBase64): QuartetImplementation {
  return {
    name: 'Uint8Array#setFromBase64',
    decode: (out, text, at, expected) => {
      try {
        const { read, written } = method.call(out.subarray(at, at + expected), text, {
          lastChunkHandling: 'loose',
        })
        return written === expected && read === text.length
      } catch {
        return false
      }
    },
  }
}

const nativeSetFromBase64 = (Uint8Array.prototype as { setFromBase64?: SetFromBase64 })
  .setFromBase64

/** Every implementation this runtime offers, preferred first (tests run each of them). */
export const QUARTET_IMPLEMENTATIONS: readonly QuartetImplementation[] =
  typeof nativeSetFromBase64 === 'function'
    ? [setFromBase64(nativeSetFromBase64), bufferWrite]
    : [bufferWrite]

/** The implementation the parser uses, chosen once by feature detection. */
export const PREFERRED_QUARTETS: QuartetImplementation = QUARTET_IMPLEMENTATIONS[0]!
