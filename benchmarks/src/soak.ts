/**
 * `pnpm soak`: 100 simulated cameras and NVR channels (the CLI's simulator: keep-alive cameras
 * with traject bursts, connection-per-post NVRs, real JPEGs, heartbeats, alarm status) post to one
 * ViewtronServer in a child process, whose `for await` consumer is deliberately slow. At the end:
 * every acknowledged event must have reached the consumer, and RSS must not trend upwards.
 * Exit code 1 when either fails.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { simulate } from '@viewtron/cli'
import { log } from './log.js'
import type { ChildSnapshot } from './server/protocol.js'
import { mib, serverConfig } from './server/server-config.js'
import { ServerProcess } from './server/server-process.js'
import { parseSoakArgs, SOAK_USAGE, type SoakOptions } from './soak-options.js'
import { linearTrend } from './trend.js'

const SAMPLE_MS = 250

/** The figures of one soak run (also written as JSON with `--out`). */
export interface SoakResult {
  options: SoakOptions
  seconds: number
  posts: number
  /** Posts the simulator saw acknowledged, and the server counted as acknowledged. */
  acknowledgedByClient: number
  acknowledgedByServer: number
  failed: number
  /** Acknowledged posts that carry an event (not heartbeats or alarm status). */
  acknowledgedEvents: number
  delivered: number
  /** Delivered events by category. */
  categories: Record<string, number>
  heartbeats: number
  alarmStatus: number
  unparsed: number
  connections: number
  imagesValid: number
  mibSent: number
  peakRssMib: number
  rssStartMib: number
  rssEndMib: number
  /** RSS slope after the warm-up, MiB per minute. */
  rssSlopeMibPerMin: number
  heapSlopeMibPerMin: number
  /** Largest queue depth seen, and the share of samples at or above the high-water mark. */
  maxQueueDepth: number
  fullShare: number
  samples: { t: number; rssMib: number; heapMib: number; depth: number; delivered: number }[]
  ok: boolean
  problems: string[]
}

async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const child = await ServerProcess.start(
    serverConfig(options.images, {
      consumerDelayMs: options.consumerDelayMs,
      highWaterMark: options.highWaterMark,
    }),
  )
  const samples: SoakResult['samples'] = []
  // The clock starts at the first post: the simulator first spends seconds encoding its JPEGs.
  let loadStart: number | null = null
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const s: ChildSnapshot = await child.snapshot()
      if (loadStart !== null)
        samples.push({
          t: (performance.now() - loadStart) / 1000,
          rssMib: s.rss / 2 ** 20,
          heapMib: s.heapUsed / 2 ** 20,
          depth: s.queueDepth,
          delivered: s.delivered,
        })
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS))
    }
  })()
  try {
    let lastLog = 0
    const summary = await simulate({
      target: `http://127.0.0.1:${child.port}/API`,
      cameras: options.cameras,
      mode: 'mixed',
      rate: options.rate,
      duration: options.seconds,
      images: 'real',
      seed: options.seed,
      timeout: 120_000,
      // Bounded: when the consumer is slower than the cameras their posts fall behind schedule,
      // and the events already started are still sent after `duration`; stop them at last.
      signal: AbortSignal.timeout((options.seconds + Math.max(60, options.seconds / 2)) * 1000),
      onProgress: (p) => {
        loadStart ??= performance.now() - p.seconds * 1000
        if (p.seconds - lastLog < 10) return
        lastLog = p.seconds
        const rss = samples.at(-1)?.rssMib ?? 0
        log(
          `  ${Math.round(p.seconds)} s: ${p.acknowledged} acknowledged, ${p.failed} failed, RSS ${rss.toFixed(0)} MiB`,
        )
      },
    })
    const endOfLoad = (performance.now() - (loadStart ?? performance.now())) / 1000
    sampling = false
    await sampler
    const final = await child.stop()

    const acknowledgedEvents =
      final.acknowledged - final.keepalives - final.alarmStatus - final.unparsed
    const steady = samples.filter((s) => s.t >= options.warmupSeconds && s.t <= endOfLoad)
    const rssTrend = linearTrend(steady.map((s) => ({ x: s.t / 60, y: s.rssMib })))
    const heapTrend = linearTrend(steady.map((s) => ({ x: s.t / 60, y: s.heapMib })))
    const problems: string[] = []
    if (final.delivered !== acknowledgedEvents) {
      problems.push(`${acknowledgedEvents} events acknowledged but ${final.delivered} delivered`)
    }
    if (summary.acknowledged !== final.acknowledged) {
      problems.push(
        `the cameras saw ${summary.acknowledged} acknowledged, the server sent ${final.acknowledged}`,
      )
    }
    if (summary.failed > 0)
      problems.push(
        `${summary.failed} posts failed: ${summary.errors.map((e) => e.error).join('; ')}`,
      )
    if (final.unparsed > 0) problems.push(`${final.unparsed} posts unparsed`)
    if (steady.length < 3) problems.push('too few samples after the warm-up for a trend')
    if (rssTrend.slope > options.maxSlopeMibPerMin) {
      problems.push(
        `RSS grows ${rssTrend.slope.toFixed(1)} MiB/min after the warm-up (limit ${options.maxSlopeMibPerMin})`,
      )
    }
    const depths = samples.map((s) => s.depth)
    return {
      options,
      seconds: summary.seconds,
      posts: summary.posts,
      acknowledgedByClient: summary.acknowledged,
      acknowledgedByServer: final.acknowledged,
      failed: summary.failed,
      acknowledgedEvents,
      delivered: final.delivered,
      categories: final.categories,
      heartbeats: final.keepalives,
      alarmStatus: final.alarmStatus,
      unparsed: final.unparsed,
      connections: summary.connections,
      imagesValid: final.validImages,
      mibSent: mib(summary.bytes),
      peakRssMib: mib(final.maxRss),
      rssStartMib: Math.round((steady[0]?.rssMib ?? 0) * 10) / 10,
      rssEndMib: Math.round((steady.at(-1)?.rssMib ?? 0) * 10) / 10,
      rssSlopeMibPerMin: rssTrend.slope,
      heapSlopeMibPerMin: heapTrend.slope,
      maxQueueDepth: Math.max(0, ...depths),
      fullShare:
        depths.length === 0
          ? 0
          : depths.filter((d) => d >= options.highWaterMark).length / depths.length,
      samples: samples.map((s) => ({
        t: Math.round(s.t * 10) / 10,
        rssMib: Math.round(s.rssMib * 10) / 10,
        heapMib: Math.round(s.heapMib * 10) / 10,
        depth: s.depth,
        delivered: s.delivered,
      })),
      ok: problems.length === 0,
      problems,
    }
  } catch (error) {
    sampling = false
    child.kill()
    throw error
  }
}

/** The summary lines printed at the end of a run. */
function formatSoak(r: SoakResult): string {
  const o = r.options
  return [
    `soak: ${o.cameras} devices (mixed), ${o.rate} events/s each, ${o.seconds} s, images '${o.images}', consumer ${o.consumerDelayMs} ms/event, queue ${o.highWaterMark}`,
    `  posts            ${r.posts} (${r.mibSent} MiB, ${r.connections} connections), failed ${r.failed}`,
    `  acknowledged     ${r.acknowledgedByClient} by the cameras, ${r.acknowledgedByServer} by the server`,
    `  events           ${r.acknowledgedEvents} acknowledged, ${r.delivered} delivered ${r.delivered === r.acknowledgedEvents ? '(equal)' : '(NOT EQUAL)'}; ${r.imagesValid} valid images`,
    `  by category      ${Object.entries(r.categories)
      .map(([category, n]) => `${category} ${n}`)
      .join(', ')}`,
    `  other posts      ${r.heartbeats} heartbeats, ${r.alarmStatus} alarm status, ${r.unparsed} unparsed`,
    `  queue            max depth ${r.maxQueueDepth} of ${o.highWaterMark}, full in ${Math.round(r.fullShare * 100)}% of samples`,
    `  peak RSS         ${r.peakRssMib} MiB`,
    `  RSS trend        ${r.rssSlopeMibPerMin.toFixed(2)} MiB/min after ${o.warmupSeconds} s (limit ${o.maxSlopeMibPerMin}); ${r.rssStartMib} → ${r.rssEndMib} MiB; heap ${r.heapSlopeMibPerMin.toFixed(2)} MiB/min`,
    r.ok ? '  OK' : `  FAILED: ${r.problems.join('; ')}`,
  ].join('\n')
}

async function main(): Promise<number> {
  let options: SoakOptions | 'help'
  try {
    options = parseSoakArgs(process.argv.slice(2))
  } catch (error) {
    log(`soak: ${error instanceof Error ? error.message : String(error)}`)
    log(SOAK_USAGE)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(SOAK_USAGE)
    return 0
  }
  const result = await runSoak(options)
  process.stdout.write(`${formatSoak(result)}\n`)
  if (options.out !== null) {
    await mkdir(dirname(options.out), { recursive: true })
    await writeFile(options.out, `${JSON.stringify(result, null, 2)}\n`)
  }
  return result.ok ? 0 : 1
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
