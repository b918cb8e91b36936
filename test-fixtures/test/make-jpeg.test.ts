import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { clearJpegCache, makeJpeg } from '../src/index.js'

describe('makeJpeg', () => {
  it('should produce a baseline JPEG that decodes to the requested size', () => {
    for (const [width, height] of [
      [64, 48],
      [33, 17],
      [1, 1],
      [336, 448],
    ] as const) {
      const bytes = makeJpeg({ width, height, seed: 7 })
      expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8')
      expect(bytes.subarray(-2).toString('hex')).toBe('ffd9')
      const decoded = jpeg.decode(bytes)
      expect([decoded.width, decoded.height]).toEqual([width, height])
    }
  })

  it('should give identical bytes for identical parameters, even after the cache is emptied', () => {
    const first = makeJpeg({ width: 120, height: 80, seed: 3, quality: 80 })
    expect(makeJpeg({ width: 120, height: 80, seed: 3, quality: 80 })).toBe(first)
    clearJpegCache()
    const second = makeJpeg({ width: 120, height: 80, seed: 3, quality: 80 })
    expect(second).not.toBe(first)
    expect(second.equals(first)).toBe(true)
  })

  it('should give different images for different seeds', () => {
    const a = makeJpeg({ width: 64, height: 48, seed: 1 })
    const b = makeJpeg({ width: 64, height: 48, seed: 2 })
    expect(a.equals(b)).toBe(false)
  })

  it('should reach realistic sizes when given targetBytes', () => {
    for (const spec of [
      { width: 1920, height: 1080, targetBytes: 300_000 },
      { width: 336, height: 448, targetBytes: 60_000 },
      { width: 128, height: 64, targetBytes: 2_000 },
    ]) {
      const bytes = makeJpeg({ ...spec, seed: 1 })
      expect(Math.abs(bytes.length - spec.targetBytes) / spec.targetBytes).toBeLessThan(0.15)
      const decoded = jpeg.decode(bytes)
      expect([decoded.width, decoded.height]).toEqual([spec.width, spec.height])
    }
  })

  it('should reject sizes that are not positive integers', () => {
    expect(() => makeJpeg({ width: 0, height: 10, seed: 1 })).toThrow(RangeError)
    expect(() => makeJpeg({ width: 10.5, height: 10, seed: 1 })).toThrow(RangeError)
  })
})
