import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { launchChromium, openContext } from './helpers/chromium.js'
import { startServeUi } from './helpers/monitor-process.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

/** Reads an `<img>`'s decoded width in the page (0 while not loaded or broken). */
const naturalWidth = (img: unknown): number => (img as { naturalWidth: number }).naturalWidth

/**
 * Page-side test: the feed row holding `text` has images, all loaded. A function, not a string:
 * the page's Content-Security-Policy forbids evaluating strings.
 */
interface PageImage {
  complete: boolean
  naturalWidth: number
}
interface PageElement {
  textContent: string | null
  querySelectorAll(selector: string): Iterable<PageImage>
}
const rowImagesLoaded = (text: string): boolean => {
  // Runs in the page; the tests are compiled without the DOM's types.
  const { document } = globalThis as unknown as {
    document: { querySelectorAll(selector: string): Iterable<PageElement> }
  }
  const row = [...document.querySelectorAll('li.row')].find((li) =>
    (li.textContent ?? '').includes(text),
  )
  const images = row === undefined ? [] : [...row.querySelectorAll('img')]
  return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0)
}

const DEVICE = {
  name: 'Plate Lane 4',
  mac: '58:5b:69:3c:aa:04',
  sn: 'I3CAA04F27B4',
  ip: '192.168.10.99',
}

describe('viewtron serve --ui: the page in Chromium', () => {
  it('loads, shows simulated cameras as cards, an LPR post within a second, and filters the feed', async () => {
    const serve = await startServeUi()
    const browser = await launchChromium()
    const page = await (await openContext(browser)).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    // The page loads, empty, and says it is live.
    await page.goto(serve.ui)
    await expect(page.title()).resolves.toBe('Viewtron monitor')
    await page.getByText('Live', { exact: true }).waitFor()
    await page.getByText('No camera has posted yet.').waitFor()

    // Three cameras posting directly and two NVR channels: one card each (plus the NVR itself).
    const sent = await simulate({
      target: serve.url,
      mode: 'mixed',
      cameras: 6,
      count: 12,
      images: 'small',
      traject: false,
    })
    expect(sent.failed).toBe(0)
    for (const name of ['Gate Camera', 'Lobby Camera', 'Yard Camera']) {
      await page.locator('article.card', { hasText: name }).waitFor()
    }
    for (const channel of [1, 2, 3]) {
      await page.locator('article.card', { hasText: `Yard NVR · channel ${channel}` }).waitFor()
    }
    expect(await page.locator('article.card-offline').count()).toBe(0)

    // One LPR post: its plate and its thumbnail (a loaded JPEG) are on the page within a second.
    const body = ipcLprPost({
      images: 'small',
      header: 'capture',
      device: DEVICE,
      plate: 'QWE7788',
      seed: 9,
    })
    const reply = await request(serve.url, { method: 'POST', body })
    expect(reply.statusCode).toBe(200)
    await reply.body.dump()
    const acknowledged = Date.now()
    await page.waitForFunction(rowImagesLoaded, 'QWE7788', {
      timeout: 5000,
      polling: 20,
    })
    const shownAfter = Date.now() - acknowledged
    expect(shownAfter).toBeLessThan(1000)
    const card = page.locator('article.card', { hasText: 'Plate Lane 4' })
    await card.locator('.plate', { hasText: 'QWE7788' }).waitFor()
    expect(await card.locator('img').evaluate(naturalWidth)).toBeGreaterThan(0)

    // A thumbnail opens full size from the keyboard and Escape closes it.
    const thumb = page.locator('li.row', { hasText: 'QWE7788' }).locator('button.thumb').first()
    await thumb.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.locator('img').evaluate(naturalWidth)).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    // Filter by category: only plates are left; then by camera: only that camera's rows.
    const rows = page.locator('ol.feed > li.row')
    expect(await rows.count()).toBeGreaterThan(5)
    await page.locator('select[name="category"]').first().selectOption('lpr')
    const lprRows = await rows.evaluateAll((items) => items.map((li) => li.className))
    expect(lprRows.length).toBeGreaterThan(0)
    expect(lprRows.every((name) => name.includes('row-lpr'))).toBe(true)
    await page.locator('select[name="category"]').first().selectOption('')
    const cameraKey = await card.getAttribute('data-camera')
    await page
      .locator('select[name="camera"]')
      .first()
      .selectOption(cameraKey as string)
    const cameraRows = await rows.evaluateAll((items) =>
      items.map((li) => li.querySelector('.row-camera')?.textContent),
    )
    expect(cameraRows).toEqual(['Plate Lane 4'])
    // Counters: the category totals add up to what the server received.
    const total = await page.locator('.counter-total .counter-value').textContent()
    expect(Number(total)).toBe(13)
    expect(errors).toEqual([])
  })
})
