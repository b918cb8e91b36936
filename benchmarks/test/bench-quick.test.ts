import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BenchResults } from '../src/results.js'
import { runBuilt } from './run-node.js'

// `pnpm bench --quick`, run as CI runs it, so the harness cannot rot: every class against every
// server, the memory and concurrency runs, and every acknowledged post delivered.
describe('pnpm bench --quick', () => {
  let dir = ''
  let run: Awaited<ReturnType<typeof runBuilt>>
  let results: BenchResults

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'viewtron-bench-test-'))
    run = await runBuilt('run', ['--quick', '--out', join(dir, 'quick.json')])
    results = JSON.parse(await readFile(join(dir, 'quick.json'), 'utf8')) as BenchResults
  }, 240_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('should exit 0 and print the tables', () => {
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Throughput and latency')
    expect(run.stdout).toContain('Targets')
  })

  it('should measure every payload class against the null server and both image modes', () => {
    const keys = results.throughput.map((r) => `${r.payload}/${r.server}`)
    for (const payload of ['heartbeat', 'traject', 'ipc-lpr', 'nvr-intrusion', 'nvr-5mb']) {
      for (const server of ['null', 'parse', 'memory', 'discard'])
        expect(keys).toContain(`${payload}/${server}`)
    }
    // The bare-saxes reference runs for traject, the class whose target it bounds.
    expect(keys).toContain('traject/sax')
    for (const row of results.throughput) {
      expect(row.postsPerSec, `${row.payload}/${row.server}`).toBeGreaterThan(0)
      expect(row.ratio === null).toBe(row.server === 'null')
    }
  })

  it('should deliver every acknowledged post in every run', () => {
    for (const row of results.throughput) {
      expect(row.deliveredOk, `${row.payload}/${row.server}: ${row.errors.join('; ')}`).toBe(true)
      expect(row.delivered).toBe(row.acknowledged)
    }
    for (const row of results.concurrency) expect(row.deliveredOk, row.server).toBe(true)
    for (const row of results.memory)
      expect(row.acknowledged && row.delivered, `${row.sizeMib} ${row.server}`).toBe(true)
  })

  it('should run the memory and concurrency scenarios and evaluate every target', () => {
    expect(results.memory.map((r) => r.server)).toEqual(
      expect.arrayContaining(['null', 'discard', 'dir', 'memory']),
    )
    expect(results.concurrency.map((r) => r.server)).toEqual(['null', 'discard', 'dir', 'memory'])
    expect(results.targets).toHaveLength(9)
    // The open-loop latency rows: both image classes, every server, at one offered rate each.
    expect(results.latency.map((r) => `${r.payload}/${r.server}`)).toEqual([
      'ipc-lpr/null',
      'ipc-lpr/memory',
      'ipc-lpr/discard',
      'nvr-intrusion/null',
      'nvr-intrusion/memory',
      'nvr-intrusion/discard',
    ])
    for (const r of results.latency) {
      expect(r.offeredPerSec).toBeGreaterThan(0)
      expect(r.deliveredOk, `${r.payload}/${r.server}`).toBe(true)
    }
    for (const target of results.targets) expect(target.met).not.toBeNull()
    // The MQTT bridge scenario, against a real Mosquitto.
    expect(run.stdout).toContain('MQTT bridge, end to end')
    expect(results.bridge?.rows.map((r) => r.server)).toEqual(['plain', 'mqtt-bridge'])
    for (const row of results.bridge?.rows ?? []) {
      expect(row.eventsPerSec, row.server).toBeGreaterThan(0)
      expect(row.failed, row.server).toBe(0)
    }
    expect(results.bridge?.stalled.allAcknowledged).toBe(true)
    expect(results.bridge?.stalled.peakPendingEvents).toBeGreaterThan(0)
    // The quick run writes only where it was told to.
    expect(results.quick).toBe(true)
  })

  it('should run the store scenario: both classes with and without the store, and plate searches', () => {
    const store = results.store
    expect(store).toBeDefined()
    expect(store?.throughput.map((r) => `${r.payload}/${r.server}`)).toEqual([
      'ipc-lpr/memory',
      'ipc-lpr/store',
      'traject/memory',
      'traject/store',
    ])
    for (const row of store?.throughput ?? []) {
      expect(row.deliveredOk, `${row.payload}/${row.server}`).toBe(true)
      expect(row.postsPerSec).toBeGreaterThan(0)
      if (row.server === 'store') expect(row.store?.fsyncsPerSec).toBeGreaterThan(0)
    }
    expect(store?.searchRows).toBe(100_000)
    const exact = store?.search.find((r) => r.query.startsWith('KXT4821'))
    expect(exact?.rows).toBeGreaterThan(0)
    expect(run.stdout).toContain('Plate search')
  })
})
