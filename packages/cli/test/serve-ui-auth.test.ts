import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { launchChromium, openContext } from './helpers/chromium.js'
import { startCli } from './helpers/cli-process.js'
import { startServeUi } from './helpers/monitor-process.js'
import { teardown } from './helpers/teardown.js'

afterEach(teardown)

const PASSWORD = 'pa55:word-Ä'

describe('viewtron serve --ui access', () => {
  it('refuses to start on a non-loopback --ui-host without --ui-auth', async () => {
    const cli = startCli(['serve', '--port', '0', '--ui', '0', '--ui-host', '0.0.0.0'])
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toMatch(/--ui-host 0\.0\.0\.0 .*--ui-auth USER:PASSWORD/)
    // Nothing started: no banner, no monitor.
    expect(cli.stdout()).not.toContain('Listening on')
    expect(cli.stdout()).not.toContain('Monitor on')
  })

  it('with --ui-auth, every request without the credentials gets 401; they are never printed', async () => {
    const serve = await startServeUi(['--ui-host', '0.0.0.0', '--ui-auth', `admin:${PASSWORD}`])
    const port = new URL(serve.ui).port
    const page = `http://127.0.0.1:${port}/`
    for (const path of ['', 'api/state', 'api/stream', 'api/cameras']) {
      const reply = await request(page + path)
      expect(reply.statusCode).toBe(401)
      expect(reply.headers['www-authenticate']).toMatch(/^Basic /)
      await reply.body.dump()
    }
    const wrong = await request(`${page}api/state`, {
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    })
    expect(wrong.statusCode).toBe(401)
    await wrong.body.dump()

    // A browser with the credentials gets the page and its live data.
    const browser = await launchChromium()
    const context = await openContext(browser, {
      credentials: { username: 'admin', password: PASSWORD },
    })
    const tab = await context.newPage()
    await tab.goto(page)
    await tab.getByText('Live', { exact: true }).waitFor()
    // One without them is refused (headless Chromium reports the 401 challenge as an error).
    const stranger = await (await openContext(browser)).newPage()
    await expect(stranger.goto(page)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/)

    serve.child.kill('SIGINT')
    expect(await serve.exited).toBe(0)
    expect(serve.stdout() + serve.stderr()).not.toContain(PASSWORD)
    expect(serve.stdout()).toMatch(/Monitor on http:\/\/0\.0\.0\.0:\d+\//)
  })

  it('takes the credentials from VIEWTRON_UI_AUTH, so they stay out of the process list', async () => {
    const cli = startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--ui', '0', '--ui-host', '0.0.0.0'],
      {
        env: { VIEWTRON_UI_AUTH: `admin:${PASSWORD}` },
      },
    )
    const monitor = await cli.waitFor(/Monitor on (http:\/\/[^\s]+\/)/)
    const page = `http://127.0.0.1:${new URL(monitor[1] as string).port}/api/state`
    const without = await request(page)
    expect(without.statusCode).toBe(401)
    await without.body.dump()
    const authorization = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`
    const withIt = await request(page, { headers: { authorization } })
    expect(withIt.statusCode).toBe(200)
    await withIt.body.dump()
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(0)
    expect(cli.stdout() + cli.stderr()).not.toContain(PASSWORD)

    const bad = startCli(['serve', '--ui', '0'], { env: { VIEWTRON_UI_AUTH: 'no-colon-secret' } })
    expect(await bad.exited).toBe(2)
    expect(bad.stderr()).toContain('VIEWTRON_UI_AUTH must be USER:PASSWORD')
    expect(bad.stderr()).not.toContain('no-colon-secret')
  })

  it('rejects malformed --ui-auth and monitor flags without --ui, without echoing the secret', async () => {
    const bad = startCli(['serve', '--ui', '0', '--ui-auth', 'only-a-user'])
    expect(await bad.exited).toBe(2)
    expect(bad.stderr()).toContain('--ui-auth must be USER:PASSWORD')
    expect(bad.stderr()).not.toContain('only-a-user')
    const alone = startCli(['serve', '--ui-host', '127.0.0.1'])
    expect(await alone.exited).toBe(2)
    expect(alone.stderr()).toContain('--ui-host needs --ui')
  })
})
