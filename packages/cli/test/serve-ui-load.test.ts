import { readFileSync } from 'node:fs'
import type { WireState } from '@viewtron/monitor'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { launchChromium, openContext } from './helpers/chromium.js'
import { startServeUi } from './helpers/monitor-process.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

const MB = 2 ** 20
const RUN_SECONDS = 60

/** Resident memory of a process, from the kernel's accounting. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1])
  return kb * 1024
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

describe('viewtron serve --ui under load', () => {
  it('100 cameras for 60 s with the page open: browser heap and server RSS stay flat, the feed keeps up', async () => {
    // A small image budget, so the run goes well past it and eviction is exercised.
    const serve = await startServeUi(['--ui-cache-mb', '16', '--categories', 'lpr'])
    const pid = serve.child.pid as number
    const browser = await launchChromium()
    const page = await (await openContext(browser)).newPage()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(serve.ui)
    await page.getByText('Live', { exact: true }).waitFor()

    /** The page's JS heap after a full collection, so garbage does not read as growth. */
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage')
      const { metrics } = await cdp.send('Performance.getMetrics')
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0
    }
    const samples: { at: number; heap: number; rss: number; rows: number; images: number }[] = []
    const started = Date.now()
    const stop = new AbortController()
    const sampling = (async () => {
      while (!stop.signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, 2500))
        samples.push({
          at: (Date.now() - started) / 1000,
          heap: await heap(),
          rss: rssOf(pid),
          rows: await page.locator('li.row').count(),
          images: await page.locator('img').count(),
        })
      }
    })()

    const summary = await simulate({
      target: serve.url,
      cameras: 100,
      mode: 'mixed',
      rate: 0.1,
      duration: RUN_SECONDS,
      images: 'real',
      seed: 7,
    })
    // A loaded machine can make one sample take seconds (a full collection in the page): the
    // comparison needs two from the end of the run, so sampling goes on until it has them.
    const sampledLate = () => samples.filter((s) => s.at >= 45).length >= 2
    for (let waited = 0; !sampledLate() && waited < 60; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
    stop.abort()
    await sampling
    expect(summary.failed).toBe(0)
    expect(summary.byKind.event).toBeGreaterThan(300)

    // The feed keeps up: the newest event the server has is the newest on the page.
    const state = (await (await request(new URL('/api/state', serve.ui))).body.json()) as WireState
    const newest = state.events[0]?.id as string
    await page.locator(`li.row[data-event="${newest}"]`).waitFor({ timeout: 20_000 })
    expect(await page.locator('li.row').first().getAttribute('data-event')).toBe(newest)

    // Flat: the second half of the run holds no more than the first half plus a margin.
    const early = samples.filter((s) => s.at >= 15 && s.at < 35)
    const late = samples.filter((s) => s.at >= 45)
    expect(early.length).toBeGreaterThanOrEqual(2)
    expect(late.length).toBeGreaterThanOrEqual(2)
    const heapGrowth = median(late.map((s) => s.heap)) - median(early.map((s) => s.heap))
    const rssGrowth = median(late.map((s) => s.rss)) - median(early.map((s) => s.rss))
    console.log(
      `load: ${summary.posts} posts (${summary.byKind.event} events) in ${RUN_SECONDS} s; ` +
        `browser heap ${samples.map((s) => (s.heap / MB).toFixed(1)).join(' ')} MB; ` +
        `server RSS ${samples.map((s) => (s.rss / MB).toFixed(0)).join(' ')} MB; ` +
        `rows ${samples.map((s) => s.rows).join(' ')}; images ${samples.map((s) => s.images).join(' ')}`,
    )
    expect(heapGrowth).toBeLessThan(8 * MB)
    expect(rssGrowth).toBeLessThan(64 * MB)
    // The page holds a bounded number of rows and pictures.
    for (const sample of samples) {
      expect(sample.rows).toBeLessThanOrEqual(300)
      expect(sample.images).toBeLessThanOrEqual(300 * 3 + 200)
    }
  }, 240_000)
})
