import { readFileSync, writeFileSync } from 'node:fs'
import type { PeakMemory } from './protocol.js'

const SAMPLE_MS = 5

/** `VmHWM` (peak resident set) from `/proc/self/status`, in bytes; `null` off Linux. */
function readHighWaterMark(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return match === null ? null : Number(match[1]) * 1024
  } catch {
    return null
  }
}

/**
 * Measures the peak memory of one stretch of work in this process. `mark()` forces a GC (when
 * run with `--expose-gc`), records the baseline and, where Linux allows, resets the kernel's
 * peak-RSS counter (`echo 5 > /proc/self/clear_refs`), so `VmHWM` then covers exactly the stretch;
 * a 5 ms sampler also tracks heap and array-buffer peaks (and RSS where the reset is refused).
 */
export class MemoryProbe {
  #timer: NodeJS.Timeout | null = null
  #peak: PeakMemory | null = null
  #hwmReset = false

  mark(): void {
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    try {
      writeFileSync('/proc/self/clear_refs', '5')
      this.#hwmReset = readHighWaterMark() !== null
    } catch {
      this.#hwmReset = false
    }
    const now = process.memoryUsage()
    this.#peak = {
      baselineRss: now.rss,
      baselineHeapUsed: now.heapUsed,
      baselineArrayBuffers: now.arrayBuffers,
      peakRss: now.rss,
      peakHeapUsed: now.heapUsed,
      peakArrayBuffers: now.arrayBuffers,
      rssSource: this.#hwmReset ? 'VmHWM' : 'sampled',
    }
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = setInterval(() => this.#sample(), SAMPLE_MS)
  }

  #sample(): void {
    const peak = this.#peak
    if (peak === null) return
    const now = process.memoryUsage()
    peak.peakRss = Math.max(peak.peakRss, now.rss)
    peak.peakHeapUsed = Math.max(peak.peakHeapUsed, now.heapUsed)
    peak.peakArrayBuffers = Math.max(peak.peakArrayBuffers, now.arrayBuffers)
  }

  /** The peaks since `mark()`; sampling stops. */
  read(): PeakMemory {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
    this.#sample()
    const peak = this.#peak
    if (peak === null) throw new Error('MemoryProbe.read() before mark()')
    if (this.#hwmReset) peak.peakRss = Math.max(peak.peakRss, readHighWaterMark() ?? 0)
    return { ...peak }
  }
}
