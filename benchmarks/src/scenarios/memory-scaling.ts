import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { SUCCESS_REPLY } from '@viewtron/core'
import { largePost } from '@viewtron/fixtures'
import { request } from 'undici'
import type { MemoryRow, ServerLabel } from '../results.js'
import { MIB, mib, serverConfig } from '../server/server-config.js'
import { ServerProcess } from '../server/server-process.js'

export interface MemoryScalingOptions {
  sizesMib: number[]
  /** Largest post run with `images: 'memory'` (its image is held whole, by design). */
  memoryModeMaxMib: number
}

/** The servers of the memory-scaling run, in table order. */
const MEMORY_SERVERS: readonly ServerLabel[] = ['null', 'discard', 'dir', 'memory']

const WARMUP_BYTES = MIB

/** Posts one large body, streamed from the generator with its `Content-Length`. */
async function postLarge(port: number, totalBytes: number): Promise<boolean> {
  const post = largePost({ totalBytes, layout: 'nvr' })
  const { statusCode, body } = await request(`http://127.0.0.1:${port}/API`, {
    method: 'POST',
    headers: {
      'content-type': 'application/soap+xml; charset=utf-8',
      'content-length': String(post.byteLength),
    },
    body: Readable.from(post.chunks(), { objectMode: false }),
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  })
  const text = await body.text()
  return statusCode === 200 && text === SUCCESS_REPLY
}

async function waitDelivered(child: ServerProcess, count: number): Promise<boolean> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const snapshot = await child.snapshot()
    if (snapshot.delivered >= count) return true
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return false
}

/**
 * One post of `sizeMib` MiB with a single image, against a fresh server child: a 1 MiB post first
 * (so code loading and JIT are not counted), then a forced GC and a reset of the kernel's peak
 * RSS, then the large post; the growth is the peak over that baseline until the consumer has
 * read the event.
 */
async function measureOnePost(sizeMib: number, server: ServerLabel): Promise<MemoryRow> {
  const dir = server === 'dir' ? await mkdtemp(join(tmpdir(), 'viewtron-bench-')) : undefined
  const limit = 2 * sizeMib * MIB + 64 * MIB
  const config = serverConfig(server, {
    ...(dir === undefined ? {} : { dir }),
    maxBodyBytes: limit,
    maxImageBytes: limit,
  })
  const child = await ServerProcess.start(config)
  try {
    if (!(await postLarge(child.port, WARMUP_BYTES))) throw new Error('the warm-up post failed')
    await waitDelivered(child, 1)
    await child.mark()
    const started = performance.now()
    const acknowledged = await postLarge(child.port, sizeMib * MIB)
    const seconds = (performance.now() - started) / 1000
    const delivered = await waitDelivered(child, 2)
    const peak = await child.peak()
    const final = await child.stop()
    return {
      sizeMib,
      server,
      seconds,
      mibPerSec: sizeMib / seconds,
      baselineRssMib: mib(peak.baselineRss),
      peakRssMib: mib(peak.peakRss),
      rssGrowthMib: mib(peak.peakRss - peak.baselineRss),
      heapGrowthMib: mib(peak.peakHeapUsed - peak.baselineHeapUsed),
      buffersGrowthMib: mib(peak.peakArrayBuffers - peak.baselineArrayBuffers),
      rssSource: peak.rssSource,
      acknowledged,
      delivered: delivered && final.delivered === 2 && final.unparsed === 0,
      imageBytes: final.imageBytes,
    }
  } catch (error) {
    child.kill()
    throw error
  } finally {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  }
}

/** Every size with every server (`'memory'` only up to `memoryModeMaxMib`). */
export async function measureMemoryScaling(
  options: MemoryScalingOptions,
  onRow: (row: MemoryRow) => void,
): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = []
  for (const sizeMib of options.sizesMib) {
    for (const server of MEMORY_SERVERS) {
      if (server === 'memory' && sizeMib > options.memoryModeMaxMib) continue
      const row = await measureOnePost(sizeMib, server)
      rows.push(row)
      onRow(row)
    }
  }
  return rows
}
