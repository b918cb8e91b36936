import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchOptions } from './bench-options.js'
import { RESULTS_DIR } from './bench-paths.js'
import { log } from './log.js'
import { buildPayload, type PayloadId } from './payloads.js'
import { summariseProfile } from './report/profile-summary.js'
import { serverName } from './report/tables.js'
import type { ConcurrencyRow, ProfileRow, ThroughputRow } from './results.js'
import { CONCURRENCY_SERVERS, measureConcurrency, withRssRatios } from './scenarios/concurrency.js'
import {
  LATENCY_CLASSES,
  LATENCY_SERVERS,
  measureThroughput,
  profileName,
  throughputServers,
  withRatios,
} from './scenarios/throughput.js'

/**
 * Every payload class against every server back to back, best of `options.rounds`, with a
 * progress line per measurement.
 */
export async function runThroughput(options: BenchOptions): Promise<ThroughputRow[]> {
  const rows: Omit<ThroughputRow, 'ratio'>[] = []
  for (const id of options.classes) {
    const payload = buildPayload(id)
    // Rounds alternate the servers, so a burst of interference on the shared cores hits one
    // measurement of each rather than all of one; the round with the most posts/s is kept.
    const best = new Map<string, Omit<ThroughputRow, 'ratio'>>()
    for (let round = 1; round <= options.rounds; round++) {
      for (const server of throughputServers(id)) {
        const row = await measureThroughput(payload, server, {
          connections: options.connections,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
          ...(options.profile ? { profileDir: RESULTS_DIR } : {}),
        })
        log(
          `  ${payload.label.padEnd(30)} ${serverName(server).padEnd(15)} ${Math.round(row.postsPerSec)} posts/s, ` +
            `p99 ${row.p99Ms?.toFixed(2)} ms, ${row.peakRssMib} MiB${row.deliveredOk ? '' : '  DELIVERED ≠ ACKED'}`,
        )
        const kept = best.get(server)
        // A run that lost posts is never hidden behind a faster one.
        if (
          kept === undefined ||
          (kept.deliveredOk && (!row.deliveredOk || row.postsPerSec > kept.postsPerSec))
        ) {
          best.set(server, row)
        }
      }
    }
    for (const server of throughputServers(id)) rows.push(best.get(server)!)
  }
  return withRatios(rows)
}

/**
 * The offered rate for a class: half of what the slower of our two modes sustained back to back
 * in this run (so both servers have headroom), or a fixed rate when throughput was not run.
 */
function latencyRate(id: PayloadId, throughput: ThroughputRow[], quick: boolean): number {
  const ours = throughput
    .filter((r) => r.payload === id && (r.server === 'memory' || r.server === 'discard'))
    .map((r) => r.postsPerSec)
  if (ours.length === 0) return quick ? 200 : 400
  return Math.max(10, Math.floor(Math.min(...ours) / 2 / 10) * 10)
}

/** Image posts at a fixed offered rate (open loop) against our server and the null server. */
export async function runLatency(
  options: BenchOptions,
  throughput: ThroughputRow[],
): Promise<ThroughputRow[]> {
  const rows: Omit<ThroughputRow, 'ratio'>[] = []
  for (const id of LATENCY_CLASSES) {
    const payload = buildPayload(id)
    const ratePerSec = latencyRate(id, throughput, options.quick)
    for (const server of LATENCY_SERVERS) {
      const row = await measureThroughput(payload, server, {
        connections: options.connections,
        // Twice the usual warm-up: a server that starts cold builds a backlog on the fixed
        // schedule, and the window should measure it caught up.
        warmupMs: 2 * options.warmupMs,
        durationMs: options.durationMs,
        ratePerSec,
      })
      log(
        `  ${payload.label.padEnd(30)} ${serverName(server).padEnd(15)} ${ratePerSec} posts/s offered, ` +
          `p50 ${row.p50Ms?.toFixed(2)} ms, p99 ${row.p99Ms?.toFixed(2)} ms${row.deliveredOk ? '' : '  DELIVERED ≠ ACKED'}`,
      )
      rows.push(row)
    }
  }
  return withRatios(rows)
}

/** 5 MiB posts from many connections to a slow consumer: peak memory of each server. */
export async function runConcurrency(options: BenchOptions): Promise<ConcurrencyRow[]> {
  const payload = buildPayload('nvr-5mb')
  const rows = []
  for (const server of CONCURRENCY_SERVERS) {
    const row = await measureConcurrency(payload, server, options.concurrency)
    rows.push(row)
    log(
      `  ${serverName(server).padEnd(15)} ${row.peakRssMib} MiB peak, ${row.postsPerSec.toFixed(1)} posts/s`,
    )
  }
  return withRssRatios(rows)
}

/** The CPU profiles a `--profile` throughput run wrote, taken apart per post. */
export async function summariseProfiles(rows: ThroughputRow[]): Promise<ProfileRow[]> {
  const out: ProfileRow[] = []
  for (const row of rows) {
    const file = join(RESULTS_DIR, profileName(row.payload, row.server))
    if (!existsSync(file)) continue
    const summary = await summariseProfile(file)
    // Posts the child handled over its whole life, as the profile covers all of it.
    const posts = row.acknowledged
    const perPost = (us: number) => (posts > 0 ? us / posts : 0)
    out.push({
      payload: row.payload,
      server: row.server,
      posts,
      usPerPost: perPost(summary.totalUs),
      buckets: summary.buckets.map((b) => ({
        bucket: b.bucket,
        share: b.us / summary.totalUs,
        usPerPost: perPost(b.us),
      })),
      top: summary.top.map((t) => ({
        name: t.name,
        where: t.where,
        share: t.us / summary.totalUs,
      })),
      file: profileName(row.payload, row.server),
    })
  }
  return out
}
