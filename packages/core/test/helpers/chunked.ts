/** `body` cut at the given offsets (in any order, repeats and out-of-range ones ignored). */
export async function* chunked(body: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= body.length) continue
    yield body.subarray(at, cut)
    at = cut
  }
  yield body.subarray(at)
}
