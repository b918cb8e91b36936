import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Peak memory seen while sampling, as growth over the first sample. */
export interface MemoryPeak {
  /** Resident set size growth, in bytes. */
  rss: number
  /** JS heap plus Buffer memory (`heapUsed + arrayBuffers`) growth, in bytes. */
  heapAndBuffers: number
  samples: number
}

/**
 * Samples `process.memoryUsage()` every `everyMs` until `stop()` is called; reports the peak
 * growth over the baseline taken at the start. Sampling is coarse: a short spike between two
 * samples can be missed, so tests keep generous margins.
 */
export function sampleMemory(everyMs = 10): { stop(): MemoryPeak } {
  const base = process.memoryUsage()
  const peak: MemoryPeak = { rss: 0, heapAndBuffers: 0, samples: 0 }
  const sample = (): void => {
    const now = process.memoryUsage()
    peak.rss = Math.max(peak.rss, now.rss - base.rss)
    peak.heapAndBuffers = Math.max(
      peak.heapAndBuffers,
      now.heapUsed + now.arrayBuffers - (base.heapUsed + base.arrayBuffers),
    )
    peak.samples++
  }
  const timer = setInterval(sample, everyMs)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return peak
    },
  }
}

export const MiB = 1024 * 1024

// A collectable heap, so a measurement counts what is retained rather than garbage.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const tick = () => new Promise((resolve) => setImmediate(resolve))

/**
 * Retained memory after a full collection: JS heap plus Buffer contents, in bytes. V8 frees dead
 * Buffers' memory on a background thread after the collection, so `arrayBuffers` can lag behind
 * it on a busy machine; collect and read again until the figure stops falling.
 */
export async function retained(): Promise<number> {
  let last = Number.POSITIVE_INFINITY
  for (let round = 0; round < 10; round++) {
    gc()
    await tick()
    const usage = process.memoryUsage()
    const now = usage.heapUsed + usage.arrayBuffers
    if (now >= last) return now
    last = now
  }
  return last
}
