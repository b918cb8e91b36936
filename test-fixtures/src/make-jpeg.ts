import jpeg from 'jpeg-js'
import { createRandom } from './prng.js'

/** Parameters of {@link makeJpeg}. Equal parameters always give byte-identical JPEGs. */
export interface JpegOptions {
  /** Width in pixels. */
  width: number
  /** Height in pixels. */
  height: number
  /** Seeds the colours and the noise. */
  seed: number
  /**
   * Encoder quality, 1–100.
   * @default 75
   */
  quality?: number
  /**
   * Approximate size of the JPEG in bytes. The noise level is tuned until the encoded size comes
   * near it (typically within 15 %); out-of-reach targets give the nearest reachable size.
   * Without it the image carries light noise and stays small.
   */
  targetBytes?: number
}

const DEFAULT_QUALITY = 75
const DEFAULT_NOISE = 12
// Above this many pixels, the noise level is calibrated on a probe instead of the full image,
// since each trial encode of a 1920×1080 frame takes a good part of a second.
const PROBE_SIDE = 256
const cache = new Map<string, Buffer>()

/**
 * A real baseline JPEG (SOI `FFD8` … EOI `FFD9`), encoded with jpeg-js: colour gradients plus
 * seeded noise, whose amount sets the size. Results are cached by parameters, since encoding is
 * slow; the returned buffer is shared, so do not modify it.
 *
 * @example
 * ```ts
 * const overview = makeJpeg({ width: 1920, height: 1080, seed: 1, targetBytes: 360_000 })
 * ```
 */
export function makeJpeg(options: JpegOptions): Buffer {
  const { width, height, seed } = options
  const quality = options.quality ?? DEFAULT_QUALITY
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`makeJpeg: invalid size ${width}x${height}`)
  }
  const key = `${width}x${height}:${seed}:${quality}:${options.targetBytes ?? ''}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const noise =
    options.targetBytes === undefined
      ? DEFAULT_NOISE
      : noiseFor(width, height, seed, quality, options.targetBytes)
  const jpegBytes = encodeRegion({ width, height, seed, quality, noise }, width, height)
  cache.set(key, jpegBytes)
  return jpegBytes
}

interface Scene {
  width: number
  height: number
  seed: number
  quality: number
  noise: number
}

/** Encodes the top-left `w`×`h` region of the scene (the whole scene, or a calibration probe). */
function encodeRegion(scene: Scene, w: number, h: number): Buffer {
  const random = createRandom(scene.seed)
  // Seeded base colours, so that different seeds look different, not just differ in noise.
  const base = [random() * 255, random() * 255, random() * 255] as const
  const data = Buffer.alloc(w * h * 4)
  let i = 0
  for (let y = 0; y < h; y++) {
    const fy = y / scene.height
    for (let x = 0; x < w; x++) {
      const fx = x / scene.width
      data[i++] = clamp(base[0] * (1 - fx) + 255 * fx * fy + (random() - 0.5) * scene.noise)
      data[i++] = clamp(base[1] * (1 - fy) + 200 * fx + (random() - 0.5) * scene.noise)
      data[i++] = clamp(base[2] + 60 * Math.sin(6 * fx + 4 * fy) + (random() - 0.5) * scene.noise)
      data[i++] = 255
    }
  }
  return jpeg.encode({ width: w, height: h, data }, scene.quality).data
}

/** Empties the {@link makeJpeg} cache (frees the memory; later calls encode again). */
export function clearJpegCache(): void {
  cache.clear()
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value)
}

/** Finds the noise amplitude (0–255) whose JPEG size comes closest to `target`. */
function noiseFor(width: number, height: number, seed: number, quality: number, target: number) {
  const scene = { width, height, seed, quality, noise: 0 }
  const small = width * height <= PROBE_SIDE * PROBE_SIDE
  const pw = Math.min(width, PROBE_SIDE)
  const ph = Math.min(height, PROBE_SIDE)
  // Headers and tables cost the same at any size; only the scan data scales with the area.
  const header = small ? 0 : encodeRegion({ ...scene, width: 8, height: 8 }, 8, 8).length
  const scale = small ? 1 : (width * height) / (pw * ph)
  const estimate = (noise: number): number => {
    const size = encodeRegion({ ...scene, noise }, pw, ph).length
    return small ? size : header + (size - header) * scale
  }
  let lo = 0
  let hi = 255
  if (estimate(hi) <= target) return hi
  for (let step = 0; step < 12; step++) {
    const mid = (lo + hi) / 2
    if (estimate(mid) < target) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
