/**
 * A seeded pseudo-random generator returning floats in `[0, 1)`.
 *
 * Mulberry32: tiny, fast and good enough for image noise and payload bytes. Fixtures must be
 * byte-identical across runs and machines, so nothing here may touch `Math.random`.
 *
 * @param seed - Any integer; equal seeds give equal sequences.
 */
export function createRandom(seed: number): () => number {
  // Mix the seed once so that neighbouring seeds (1, 2, 3…) do not start with similar values.
  let state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
