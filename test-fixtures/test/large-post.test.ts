import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { type LargePostOptions, largePost } from '../src/index.js'
import { localName, parseXml, walk } from './helpers/parse-xml.js'

const MiB = 2 ** 20

function collect(options: LargePostOptions): { post: ReturnType<typeof largePost>; body: Buffer } {
  const post = largePost(options)
  return { post, body: Buffer.concat([...post.chunks()]) }
}

describe('largePost', () => {
  it('should yield exactly byteLength bytes of well-formed XML whose image decodes to imageBytes', () => {
    const cases: LargePostOptions[] = [
      { totalBytes: 9_000, layout: 'ipc' },
      { totalBytes: 1_000_003, layout: 'nvr', lineBreaks: true },
      { totalBytes: 777_777, layout: 'ipc', lineBreaks: true, cdata: false },
      { totalBytes: 2 * MiB + 1, layout: 'nvr', cdata: true, seed: 9 },
    ]
    for (const options of cases) {
      const { post, body } = collect(options)
      expect(post.byteLength).toBe(options.totalBytes)
      expect(body.length).toBe(options.totalBytes)
      const root = parseXml(body.toString('utf8'))
      const nodes = [...walk(root)]
      const data = nodes.filter((n) => localName(n) === 'sourceBase64Data')
      expect(data).toHaveLength(1)
      expect(nodes.some((n) => localName(n) === 'targetBase64Data')).toBe(false)
      expect(data[0]!.cdataSections).toBe((options.cdata ?? options.layout === 'ipc') ? 1 : 0)
      const text = data[0]!.text
      if (options.lineBreaks === true) {
        for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(76)
      } else {
        expect(text).not.toMatch(/\s/)
      }
      const b64 = text.replace(/\s/g, '')
      expect(b64).toMatch(/^[A-Za-z0-9+/]*={0,2}$/)
      expect(b64.length % 4).toBe(0)
      expect(b64.length).toBe(post.declaredLength)
      const declared = nodes.find((n) => localName(n) === 'sourceBase64Length')!.text
      expect(Number(declared)).toBe(post.declaredLength)
      const image = Buffer.from(b64, 'base64')
      expect(image.length).toBe(post.imageBytes)
      expect(image.subarray(0, 2).toString('hex')).toBe('ffd8')
      expect(image.subarray(-2).toString('hex')).toBe('ffd9')
      const decoded = jpeg.decode(image, { maxMemoryUsageInMB: 64 })
      expect([decoded.width, decoded.height]).toEqual([160, 90])
    }
  })

  it('should be deterministic for a seed and differ between seeds', () => {
    const a = collect({ totalBytes: 300_000, layout: 'nvr', seed: 4 }).body
    const b = collect({ totalBytes: 300_000, layout: 'nvr', seed: 4 }).body
    const c = collect({ totalBytes: 300_000, layout: 'nvr', seed: 5 }).body
    expect(a.equals(b)).toBe(true)
    expect(a.equals(c)).toBe(false)
  })

  it('should keep base64 quartets valid across chunk boundaries', () => {
    const post = largePost({ totalBytes: 20 * MiB, layout: 'ipc', lineBreaks: true })
    // Validate the image text as a stream, the way a parser meets it.
    let inImage = false
    let chars = 0
    let total = 0
    let tail = ''
    for (const chunk of post.chunks()) {
      total += chunk.length
      let text = chunk.toString('latin1')
      if (!inImage) {
        const start = text.indexOf('<![CDATA[')
        if (start < 0) continue
        inImage = true
        text = text.slice(start + 9)
      }
      const end = text.indexOf(']]>')
      const part = end < 0 ? text : text.slice(0, end)
      expect(part).toMatch(/^[A-Za-z0-9+/=\n]*$/)
      const clean = part.replaceAll('\n', '')
      chars += clean.length
      tail = (tail + clean).slice(-4)
      if (end >= 0) inImage = false
    }
    expect(total).toBe(post.byteLength)
    expect(chars).toBe(post.declaredLength)
    expect(chars % 4).toBe(0)
    expect(Buffer.from(tail, 'base64').length).toBeGreaterThan(0)
  })

  it('should stream 200 MB without growing the heap', () => {
    const post = largePost({ totalBytes: 200 * MiB, layout: 'nvr', lineBreaks: true, cdata: true })
    const before = process.memoryUsage().heapUsed
    let peak = before
    let bytes = 0
    let chunks = 0
    for (const chunk of post.chunks()) {
      bytes += chunk.length
      chunks++
      if (chunks % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed)
    expect(bytes).toBe(200 * MiB)
    expect(post.imageBytes).toBeGreaterThan(145 * MiB)
    expect(peak - before).toBeLessThan(32 * MiB)
  })

  it('should refuse a size too small for the post around the image', () => {
    expect(() => largePost({ totalBytes: 2_000, layout: 'ipc' })).toThrow(RangeError)
  })
})
