/**
 * `pnpm bench`: throughput, latency and memory of ViewtronServer against a null server, each in
 * its own process, under the same load. Prints the tables, writes the results as JSON and, after
 * a full run, regenerates docs/benchmarks.md.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { dirname } from 'node:path'
import { type BenchOptions, parseBenchArgs, USAGE } from './bench-options.js'
import { RESULTS_DIR } from './bench-paths.js'
import { log } from './log.js'
import { type NodeBinary, nodeLine } from './node-line.js'
import { printResults } from './print-results.js'
import { serverName } from './report/tables.js'
import type { BenchResults, MemoryRow } from './results.js'
import { runConcurrency, runLatency, runThroughput, summariseProfiles } from './run-sections.js'
import { measureMemoryScaling } from './scenarios/memory-scaling.js'
import { measureBridge } from './scenarios/mqtt-bridge.js'
import { measureStore } from './scenarios/store.js'
import { useCoreModule } from './server/server-config.js'
import { useNodeBinary } from './server/server-process.js'
import { evaluateTargets } from './targets.js'
import { writeDocs } from './write-docs.js'

async function main(): Promise<number> {
  let options: BenchOptions | 'help'
  try {
    options = parseBenchArgs(process.argv.slice(2), RESULTS_DIR)
  } catch (error) {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`)
    log(USAGE)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  if (options.docsOnly) return (await writeDocs()) ? 0 : 1
  const started = performance.now()
  let line: NodeBinary | null = null
  if (options.node !== null) {
    line = nodeLine(options.node)
    useNodeBinary(line)
    log(`servers run on Node ${line.version} (${line.execPath}); load from Node ${process.version}`)
  }
  useCoreModule(options.core ?? undefined)
  if (options.core !== null) log(`measuring @viewtron/core from ${options.core}`)
  await mkdir(RESULTS_DIR, { recursive: true })
  const cpu = cpus()
  const partial: Omit<BenchResults, 'targets' | 'seconds'> = {
    generatedAt: new Date().toISOString(),
    quick: options.quick,
    profiled: options.profile,
    core: options.core,
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      totalMemGib: Math.round(totalmem() / 2 ** 30),
      node: line?.version ?? process.version,
      clientNode: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    settings: {
      connections: options.connections,
      rounds: options.rounds,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      concurrency: {
        connections: options.concurrency.connections,
        durationMs: options.concurrency.durationMs,
        consumerDelayMs: options.concurrency.consumerDelayMs,
        highWaterMark: options.concurrency.highWaterMark,
      },
      memorySizesMib: options.memorySizesMib,
    },
    throughput: [],
    latency: [],
    memory: [],
    concurrency: [],
    profile: [],
  }
  if (options.sections.includes('throughput')) {
    log(`throughput: ${options.connections} connections, ${options.durationMs / 1000} s per run`)
    partial.throughput = await runThroughput(options)
    if (options.profile) partial.profile = await summariseProfiles(partial.throughput)
  }
  if (options.sections.includes('latency')) {
    log(`latency: image posts at a fixed rate, ${options.connections} connections (open loop)`)
    partial.latency = await runLatency(options, partial.throughput)
  }
  if (options.sections.includes('memory')) {
    log(`memory: one post of ${options.memorySizesMib.join(', ')} MiB`)
    partial.memory = await measureMemoryScaling(
      { sizesMib: options.memorySizesMib, memoryModeMaxMib: options.memoryModeMaxMib },
      (row: MemoryRow) =>
        log(
          `  ${String(row.sizeMib).padStart(4)} MiB ${serverName(row.server).padEnd(15)} +${row.rssGrowthMib} MiB RSS`,
        ),
    )
  }
  if (options.sections.includes('concurrency')) {
    log(`concurrency: ${options.concurrency.connections} connections × 5 MiB posts, slow consumer`)
    partial.concurrency = await runConcurrency(options)
  }
  if (options.sections.includes('store')) {
    log(
      `store: LPR and traject posts with an event store attached, plate search over ${options.searchRows.toLocaleString('en-US')} events`,
    )
    partial.store = await measureStore({
      connections: options.connections,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      searchRows: options.searchRows,
      cacheDir: RESULTS_DIR,
      log,
    })
  }
  if (options.sections.includes('bridge')) {
    log(
      `bridge: licence plates through MQTT (post → PUBACK → reply), ${options.connections} connections`,
    )
    partial.bridge = await measureBridge(options, log)
  }
  const withSeconds = { ...partial, seconds: (performance.now() - started) / 1000 }
  const results: BenchResults = { ...withSeconds, targets: evaluateTargets(withSeconds) }
  printResults(results)

  await mkdir(dirname(options.out), { recursive: true })
  await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`)
  log(`\nwrote ${options.out}`)
  if (options.docs) await writeDocs()
  const broken =
    results.throughput.some((r) => !r.deliveredOk) ||
    (results.store?.throughput ?? []).some((r) => !r.deliveredOk) ||
    results.concurrency.some((r) => !r.deliveredOk) ||
    results.memory.some((r) => !r.acknowledged || !r.delivered)
  if (broken) log('FAILED: some posts were acknowledged but not delivered (see the tables)')
  return broken ? 1 : 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error))
    process.exitCode = 1
  },
)
