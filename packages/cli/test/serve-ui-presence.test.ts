import { ipcKeepalivePost, ipcLprPost } from '@viewtron/fixtures'
import { Agent, request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { launchChromium, openContext } from './helpers/chromium.js'
import { startServeUi } from './helpers/monitor-process.js'
import { teardown, track } from './helpers/teardown.js'

afterEach(teardown)

const QUIET = {
  name: 'Quiet Camera',
  mac: '58:5b:69:3c:cc:01',
  sn: 'I3CCC01F27B1',
  ip: '192.168.10.71',
}
const BUSY = {
  name: 'Busy Camera',
  mac: '58:5b:69:3c:cc:02',
  sn: 'I3CCC02F27B2',
  ip: '192.168.10.72',
}

/** Posts from a given loopback address: presence is per client IP, as with real cameras. */
function cameraAt(url: string, localAddress: string): (body: string) => Promise<void> {
  const agent = track(new Agent({ localAddress }), (a) => a.close())
  return async (body) => {
    const reply = await request(url, { method: 'POST', body, dispatcher: agent })
    expect(reply.statusCode).toBe(200)
    await reply.body.dump()
  }
}

describe('viewtron serve --ui: presence', () => {
  it('a camera that stops posting turns offline on its card, the others stay online, and it comes back', async () => {
    const serve = await startServeUi(['--offline-after', '2'])
    const quiet = cameraAt(serve.url, '127.0.0.2')
    const busy = cameraAt(serve.url, '127.0.0.3')
    const browser = await launchChromium()
    const page = await (await openContext(browser)).newPage()
    await page.goto(serve.ui)
    await page.getByText('Live', { exact: true }).waitFor()

    await quiet(ipcLprPost({ images: 'small', header: 'capture', device: QUIET, plate: 'QT1001' }))
    await busy(ipcLprPost({ images: 'small', header: 'capture', device: BUSY, plate: 'BS2002' }))
    const quietCard = page.locator('article.card', { hasText: 'Quiet Camera' })
    const busyCard = page.locator('article.card', { hasText: 'Busy Camera' })
    await quietCard.locator('.badge', { hasText: 'online' }).waitFor()
    await busyCard.locator('.badge', { hasText: 'online' }).waitFor()

    // The busy camera keeps sending heartbeats; the quiet one sends nothing more.
    let beating = true
    const heartbeats = (async () => {
      while (beating) {
        await busy(ipcKeepalivePost({ device: BUSY }))
        await new Promise((resolve) => setTimeout(resolve, 400))
      }
    })()
    try {
      await page
        .locator('article.card-offline', { hasText: 'Quiet Camera' })
        .waitFor({ timeout: 10_000 })
      await quietCard.locator('.badge', { hasText: 'offline' }).waitFor()
      await page.locator('.offline-count', { hasText: '1 offline' }).waitFor()
      expect(await busyCard.getAttribute('class')).toContain('card-online')
      // Its last seen keeps counting from its last post (no newer post arrived).
      expect(await quietCard.locator('.card-last-seen').textContent()).not.toBe('')

      // It posts again: online at once.
      await quiet(ipcKeepalivePost({ device: QUIET }))
      await page
        .locator('article.card-online', { hasText: 'Quiet Camera' })
        .waitFor({ timeout: 3000 })
      expect(await page.locator('article.card-offline').count()).toBe(0)
    } finally {
      beating = false
      await heartbeats
    }
    expect(serve.stdout()).toMatch(/offline/)
  })
})
