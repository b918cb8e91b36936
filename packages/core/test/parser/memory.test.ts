import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { largePost } from '@viewtron/fixtures'
import { describe, expect, it } from 'vitest'
import { BodyParser, type ImageMode } from '../../src/index.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const MB = 1024 * 1024
const used = (): number => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/**
 * Streams one large post through the parser, sampling memory (after a full GC) every few chunks.
 * Returns the peak growth while parsing and the growth still held by the result.
 */
async function measure(totalBytes: number, images: ImageMode, layout: 'ipc' | 'nvr') {
  const post = largePost({ totalBytes, layout })
  gc()
  const base = used()
  let peak = 0
  const parser = new BodyParser({
    images,
    maxBodyBytes: Number.POSITIVE_INFINITY,
    maxImageBytes: Number.POSITIVE_INFINITY,
  })
  let n = 0
  for (const chunk of post.chunks()) {
    parser.write(chunk)
    if (++n % 200 === 0) {
      gc()
      peak = Math.max(peak, used() - base)
    }
  }
  const result = await parser.end()
  gc()
  const held = used() - base
  peak = Math.max(peak, held)
  return { post, result, peak, held }
}

describe('memory stays bounded', () => {
  it("a 200 MB single-image post with images: 'discard' grows the heap by less than 32 MB", async () => {
    const { post, result, peak } = await measure(200 * MB, 'discard', 'nvr')
    expect(result.kind).toBe('event')
    if (result.kind !== 'event') return
    expect(result.event.sourceImage).toMatchObject({ valid: true, byteLength: post.imageBytes })
    expect(peak).toBeLessThan(32 * MB)
  })

  it("with images: 'memory' it grows by about the decoded size, not the base64 size", async () => {
    const { post, result, peak, held } = await measure(200 * MB, 'memory', 'ipc')
    if (result.kind !== 'event') throw new Error(JSON.stringify(result))
    const bytes = result.event.getSourceImageBytes()
    expect(bytes?.length).toBe(post.imageBytes)
    expect([bytes?.[0], bytes?.[1], bytes?.at(-2), bytes?.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9])
    // Decoded ≈ 150 MB; the base64 text is ≈ 200 MB and must never be held.
    expect(held).toBeGreaterThan(post.imageBytes * 0.9)
    expect(held).toBeLessThan(post.imageBytes + 32 * MB)
    expect(peak).toBeLessThan(post.imageBytes + 32 * MB)
  })
})
