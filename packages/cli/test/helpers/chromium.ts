import { type Browser, type BrowserContext, chromium } from 'playwright-core'
import { track } from './teardown.js'

/** Debian's Chromium (`apt-get install chromium`); tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium'

/** Flags that keep Chromium quiet on a closed network and runnable as root in CI. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A headless Chromium; `teardown()` closes it. Playwright starts it with a fresh temporary
 * `--user-data-dir` of its own (and removes it on close), so no state carries between tests.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  return track(browser, (b) => b.close())
}

/** A browsing context (one "user"): wide desktop by default, or a phone's width. */
export async function openContext(
  browser: Browser,
  options: {
    phone?: boolean
    colorScheme?: 'light' | 'dark'
    credentials?: { username: string; password: string }
  } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: options.phone === true ? { width: 390, height: 844 } : { width: 1400, height: 900 },
    deviceScaleFactor: 1,
    isMobile: options.phone === true,
    hasTouch: options.phone === true,
    colorScheme: options.colorScheme ?? 'light',
    ...(options.credentials === undefined ? {} : { httpCredentials: options.credentials }),
  })
}
