import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { SoakResult } from '../src/soak.js'
import { runBuilt } from './run-node.js'

// The short soak CI runs: 100 simulated devices for 20 s against one server with a slow consumer.
// The first 8 s are warm-up (the queue fills, V8 sizes its heap); a 12 s window cannot resolve a
// slope much below 10 MiB/min (RSS moves by a few MiB between samples), so this run only catches
// gross leaks (a leaked image per event grows RSS by about 600 MiB/min here); docs/soak.md has the
// long run. Node 24's V8 takes longer to size its heap: RSS still climbs at about 75 MiB/min
// between 8 and 20 s, then stays flat (a 130 s run there: 139 → 176 MiB by 30 s, flat after,
// 3.3 MiB/min over the run), hence the limit of 150.
it('should deliver every acknowledged event and keep RSS flat over a short soak', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'viewtron-soak-test-'))
  try {
    const out = join(dir, 'soak.json')
    const run = await runBuilt('soak', ['--seconds', '20', '--max-slope', '150', '--out', out])
    const result = JSON.parse(await readFile(out, 'utf8')) as SoakResult
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(result.ok, result.problems.join('; ')).toBe(true)
    expect(result.acknowledgedEvents).toBeGreaterThan(1000)
    expect(result.delivered).toBe(result.acknowledgedEvents)
    expect(result.acknowledgedByClient).toBe(result.acknowledgedByServer)
    expect(result.failed).toBe(0)
    // The consumer was slow enough for the queue to fill: the backpressure path ran.
    expect(result.maxQueueDepth).toBeGreaterThanOrEqual(result.options.highWaterMark)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}, 120_000)
