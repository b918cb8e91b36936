import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PACKAGE_DIR, RESULTS_DIR } from './bench-paths.js'
import { log } from './log.js'
import { benchmarksMarkdown } from './report/markdown.js'
import { newestPerLine } from './report/node-lines.js'
import type { BenchResults } from './results.js'

const DOC = join(PACKAGE_DIR, '..', 'docs', 'benchmarks.md')
const ANALYSIS = join(PACKAGE_DIR, 'analysis.md')

async function readJson<T>(file: string): Promise<T | null> {
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as T) : null
}

/** Results files of full and quick runs, of every Node line (`latest-node24.json`, …). */
const LINE_RESULTS = /^(latest|quick)(-node\d+)?\.json$/

/**
 * docs/benchmarks.md from the last full run on the default line (results/latest.json), the last
 * profile run, the newest run of each Node line and the hand-written analysis.
 */
export async function writeDocs(): Promise<boolean> {
  const results = await readJson<BenchResults>(join(RESULTS_DIR, 'latest.json'))
  if (results === null) {
    log('bench: no results/latest.json yet (a full pnpm bench writes it); docs not written')
    return false
  }
  const profile = await readJson<BenchResults>(join(RESULTS_DIR, 'profile.json'))
  const analysis = existsSync(ANALYSIS) ? await readFile(ANALYSIS, 'utf8') : null
  const runs: BenchResults[] = []
  for (const name of (await readdir(RESULTS_DIR)).filter((f) => LINE_RESULTS.test(f))) {
    runs.push((await readJson<BenchResults>(join(RESULTS_DIR, name)))!)
  }
  const lines = newestPerLine(runs)
  await mkdir(dirname(DOC), { recursive: true })
  await writeFile(DOC, benchmarksMarkdown({ results, profile, lines, analysis }))
  // The repository's formatter also formats Markdown (it pads tables); let it, so lint passes.
  const biome = join(PACKAGE_DIR, '..', 'node_modules', '.bin', 'biome')
  if (existsSync(biome)) spawnSync(biome, ['format', '--write', DOC], { stdio: 'ignore' })
  log(`wrote ${DOC}`)
  return true
}
