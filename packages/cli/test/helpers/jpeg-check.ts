import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

type Decode = (data: Buffer) => { width: number; height: number }

/** jpeg-js, found through the fixtures package that depends on it; `null` if it cannot be found. */
function findDecoder(): Decode | null {
  try {
    const fixtures = new URL('../../../../test-fixtures/package.json', import.meta.url)
    const jpeg = createRequire(fixtures)('jpeg-js') as { decode: Decode }
    return (data) => {
      const { width, height } = jpeg.decode(data)
      return { width, height }
    }
  } catch {
    return null
  }
}

const decoder = findDecoder()

/**
 * Checks that a file is a complete JPEG: SOI (`FFD8`) first, EOI (`FFD9`) last, and it decodes
 * (with jpeg-js when resolvable, else a baseline/progressive SOF marker must be present).
 * Returns the pixel size.
 */
export function checkJpeg(file: string): { width: number; height: number } {
  const data = readFileSync(file)
  if (data.readUInt16BE(0) !== 0xffd8) throw new Error(`${file}: no SOI marker`)
  if (data.readUInt16BE(data.length - 2) !== 0xffd9) throw new Error(`${file}: no EOI marker`)
  if (decoder !== null) return decoder(data)
  for (let i = 2; i + 8 < data.length; i++) {
    if (data[i] === 0xff && (data[i + 1] === 0xc0 || data[i + 1] === 0xc2)) {
      return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) }
    }
  }
  throw new Error(`${file}: no SOF marker`)
}
