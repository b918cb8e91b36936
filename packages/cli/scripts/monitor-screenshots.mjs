// Takes the README's screenshots of the live monitor: starts `viewtron serve --ui`, lets
// simulated cameras post for a while (one goes quiet), and shoots the page wide and at a phone's width with
// Debian's Chromium. Usage (after `pnpm build`): node scripts/monitor-screenshots.mjs OUT_DIR
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ipcLprPost } from '@viewtron/fixtures'
import { chromium } from 'playwright-core'
import { Agent, request } from 'undici'
import { simulate } from '../dist/index.js'

const out = process.argv[2] ?? 'docs'
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const serve = spawn(
  process.execPath,
  [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--ui', '0', '--offline-after', '4'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
let output = ''
const urls = await new Promise((resolve) => {
  serve.stdout.setEncoding('utf8').on('data', (text) => {
    output += text
    const camera = /Listening on (\S+)/.exec(output)?.[1]
    const ui = /Monitor on (\S+)/.exec(output)?.[1]
    if (camera !== undefined && ui !== undefined) resolve({ camera: `${camera}/API`, ui })
  })
})
// One camera at its own address posts once and then goes quiet: it shows as offline.
const quiet = new Agent({ localAddress: '127.0.0.2' })
const device = {
  name: 'Loading Bay',
  mac: '58:5b:69:3c:dd:01',
  sn: 'I3CDD01F27B1',
  ip: '192.168.10.80',
}
const body = ipcLprPost({ images: 'real', header: 'capture', device, plate: 'KXT4821', seed: 5 })
await (await request(urls.camera, { method: 'POST', body, dispatcher: quiet })).body.dump()
await quiet.close()
await simulate({
  target: urls.camera,
  cameras: 7,
  mode: 'mixed',
  rate: 0.5,
  count: 40,
  images: 'real',
  seed: 3,
})
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
for (const [name, viewport, colorScheme] of [
  ['monitor-wide.png', { width: 1400, height: 1100 }, 'light'],
  ['monitor-phone.png', { width: 390, height: 1500 }, 'dark'],
]) {
  const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: 1 })
  await page.goto(urls.ui)
  await page.getByText('Live', { exact: true }).waitFor()
  // Thumbnails load lazily; load them all for the picture (the stream keeps the network busy).
  await page.locator('img').evaluateAll((images) => {
    for (const img of images) img.loading = 'eager'
  })
  await page.waitForTimeout(1500)
  await page.screenshot({ path: join(out, name) })
  await page.close()
}
await browser.close()
serve.kill('SIGINT')
