import { join } from 'node:path'
import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { simulate } from '../src/index.js'
import { launchChromium, openContext } from './helpers/chromium.js'
import { startServeUi } from './helpers/monitor-process.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

const naturalWidth = (img: unknown): number => (img as { naturalWidth: number }).naturalWidth
const DEVICE = {
  name: 'Barrier North',
  mac: '58:5b:69:3c:bb:01',
  sn: 'I3CBB01F27B1',
  ip: '192.168.10.61',
}

async function post(url: string, plate: string, seed: number): Promise<void> {
  const body = ipcLprPost({ images: 'small', header: 'capture', device: DEVICE, plate, seed })
  const reply = await request(url, { method: 'POST', body })
  expect(reply.statusCode).toBe(200)
  await reply.body.dump()
}

describe('viewtron serve --ui --db: search', () => {
  it('finds a plate from a misread one, with its pictures, and pages through results', async () => {
    const dir = tempDir()
    const serve = await startServeUi(['--db', join(dir, 'events.db')])
    await post(serve.url, 'KXT4821', 1)
    // Thirty other plates so results need more than one page.
    for (let i = 0; i < 30; i++) await post(serve.url, `ZZA${String(100 + i)}`, i + 2)
    const sent = await simulate({
      target: serve.url,
      mode: 'nvr',
      cameras: 2,
      count: 4,
      images: 'small',
    })
    expect(sent.failed).toBe(0)

    const browser = await launchChromium()
    const page = await (await openContext(browser)).newPage()
    await page.goto(serve.ui)
    const search = page.locator('form.search')
    await search.waitFor()

    // OCR read I for 1: the store's near match still finds the plate, with its pictures.
    await search.getByLabel('Plate', { exact: true }).fill('KXT482I')
    await search.getByLabel('Plate', { exact: true }).press('Enter')
    const results = page.locator('ol.results > li.row')
    await results.first().waitFor()
    const found = results.filter({ hasText: 'KXT4821' })
    expect(await found.count()).toBe(1)
    await expect(found.locator('.match').textContent()).resolves.toContain('match')
    const images = found.locator('img')
    expect(await images.count()).toBeGreaterThanOrEqual(2)
    for (const image of await images.all()) {
      await image.scrollIntoViewIfNeeded()
      await page.waitForFunction(
        (img) => (img as { complete: boolean }).complete,
        await image.elementHandle(),
      )
      expect(await image.evaluate(naturalWidth)).toBeGreaterThan(0)
    }
    const src = await images.first().getAttribute('src')
    const picture = await request(new URL(src as string, serve.ui))
    expect(picture.headers['content-type']).toBe('image/jpeg')
    await picture.body.dump()

    // Category and camera filters, paged 25 at a time, newest first within a page.
    await search.getByLabel('Plate', { exact: true }).fill('')
    await search.getByLabel('Category').selectOption('lpr')
    await search.getByLabel('Camera').selectOption('Barrier North')
    await search.getByRole('button', { name: 'Search' }).click()
    await page.getByText('Page 1').waitFor()
    await expect(results.count()).resolves.toBe(25)
    await page.getByRole('button', { name: 'Older' }).click()
    await page.getByText('Page 2').waitFor()
    await expect(results.count()).resolves.toBe(6)
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true)

    // A time range before anything was received finds nothing.
    await search.getByLabel('To').fill('2020-01-01T00:00')
    await search.getByRole('button', { name: 'Search' }).click()
    await page.getByText('Nothing found.').waitFor()
  })
})
