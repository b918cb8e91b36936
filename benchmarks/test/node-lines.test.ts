import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseBenchArgs } from '../src/bench-options.js'
import { newestPerLine, nodeLinesTable } from '../src/report/node-lines.js'
import type { BenchResults, ThroughputRow } from '../src/results.js'
import { runBuilt } from './run-node.js'

/** A results file with one class against the null server and ours. */
function run(node: string, generatedAt: string, extra: Partial<BenchResults> = {}): BenchResults {
  const row = (server: 'null' | 'memory', postsPerSec: number): ThroughputRow =>
    ({
      payload: 'traject',
      label: 'traject (1.8 KB)',
      server,
      postsPerSec,
      cpuUsPerPost: 1e6 / postsPerSec,
      ratio: server === 'null' ? null : { throughput: postsPerSec / 1000, p50: 1, p99: 1, rss: 1 },
    }) as ThroughputRow
  return {
    generatedAt,
    quick: false,
    profiled: false,
    core: null,
    machine: { node, cpus: 2, cpuModel: 'x', totalMemGib: 1, platform: 'linux-x64' },
    throughput: [row('null', 1000), row('memory', 400)],
    ...extra,
  } as BenchResults
}

describe('pnpm bench --node', () => {
  it('takes a major version and names its results after the line', () => {
    const quick = parseBenchArgs(['--quick', '--node', '24'], '/r')
    expect(quick !== 'help' && [quick.node, quick.out]).toEqual([24, '/r/quick-node24.json'])
    const full = parseBenchArgs(['--node', '22'], '/r')
    expect(full !== 'help' && [full.node, full.out, full.docs]).toEqual([
      22,
      '/r/latest-node22.json',
      true,
    ])
    const own = parseBenchArgs([], '/r')
    expect(own !== 'help' && [own.node, own.out]).toEqual([null, '/r/latest.json'])
    for (const bad of ['v24', '24.1', 'lts', '0']) {
      expect(() => parseBenchArgs(['--node', bad], '/r')).toThrow(/--node takes a major version/)
    }
  })

  it('puts the newest comparable run of each line side by side, full runs before quick ones', () => {
    const lines = newestPerLine([
      run('v24.1.0', '2026-01-02', { quick: true }),
      run('v20.20.2', '2026-01-03', { quick: true }),
      run('v20.20.1', '2026-01-01'),
      run('v20.20.0', '2025-12-01'),
      run('v24.0.0', '2026-01-01', { quick: true }),
      run('v20.20.2', '2026-01-04', { core: 'file:///other/dist/index.js' }),
      run('v22.3.0', '2026-01-03', { profiled: true }),
    ])
    expect(lines.map((r) => r.machine.node)).toEqual(['v20.20.1', 'v24.1.0'])
    const table = nodeLinesTable(lines)
    expect(table[0]).toEqual([
      'class',
      'server',
      'Node v20.20.1 posts/s',
      'ratio',
      'CPU µs/post',
      'Node v24.1.0 (quick) posts/s',
      'ratio',
      'CPU µs/post',
    ])
    expect(table[2]).toEqual([
      'traject (1.8 KB)',
      "ours 'memory'",
      '400',
      '0.40×',
      '2,500',
      '400',
      '0.40×',
      '2,500',
    ])
  })

  // The real thing: the server children of a short run start on another Node line (the cached
  // npm binaries, installed when missing), and say so; the parent refuses a child that reports
  // any other version.
  describe('a quick run on another line', () => {
    const other = process.versions.node.startsWith('24.') ? 22 : 24
    let dir = ''
    afterAll(async () => {
      if (dir !== '') await rm(dir, { recursive: true, force: true })
    })

    it(`runs every server on Node ${other} and reports both versions`, async () => {
      dir = await mkdtemp(join(tmpdir(), 'viewtron-bench-node-'))
      const out = join(dir, 'quick.json')
      const args = ['--quick', '--node', String(other), '--only', 'throughput']
      const result = await runBuilt('run', [...args, '--classes', 'heartbeat', '--out', out])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toContain(`servers run on Node v${other}.`)
      const results = JSON.parse(await readFile(out, 'utf8')) as BenchResults
      expect(results.machine.node).toMatch(new RegExp(`^v${other}\\.`))
      expect(results.machine.clientNode).toBe(process.version)
      expect(results.throughput.map((r) => r.server)).toEqual(
        expect.arrayContaining(['null', 'memory', 'discard']),
      )
      for (const row of results.throughput) expect(row.deliveredOk, row.server).toBe(true)
    }, 170_000)
  })
})
