import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lanAddress } from '@viewtron/core'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli, startCli } from './helpers/cli-process.js'
import { fakeCamera, runCamera } from './helpers/fake-camera.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

describe('viewtron camera info, groups, point, snapshot', () => {
  it('info: a readable summary, or JSON', async () => {
    const camera = await fakeCamera()
    const table = await runCamera(camera, ['info'])
    expect(table.stderr).toBe('')
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^Name {15}Fake Camera$/m)
    expect(table.stdout).toMatch(/^API version {8}2\.1\.0$/m)
    const json = await runCamera(camera, ['info', '--json'])
    const doc = JSON.parse(json.stdout)
    expect(doc.device).toMatchObject({ model: 'LPR-IP4', mac: '58:5B:69:00:00:01' })
    expect(doc.capabilities.supportedApis).toContain('GetLicensePlates')
  })

  it('groups: ids as the camera numbers them', async () => {
    const camera = await fakeCamera({
      groups: [
        { id: 11, name: 'whiteList' },
        { id: 13, name: 'blackList' },
        { id: 7, name: 'temporaryList' },
      ],
    })
    const run = await runCamera(camera, ['groups'])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')).toEqual([
      'ID  NAME           KIND',
      '11  whiteList      allow',
      '13  blackList      block',
      '7   temporaryList  temporary',
      '',
    ])
  })

  it('point: aims a free slot at the server, reminds to reboot, and is idempotent', async () => {
    const camera = await fakeCamera()
    const first = await runCamera(camera, ['point', '--server', 'http://10.1.2.3:5050/API'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('HTTP POST slot 1 now posts to http://10.1.2.3:5050/API')
    expect(first.stdout).toContain('Reboot the camera')
    const writes = camera.writes().length
    expect(writes).toBe(1)
    const second = await runCamera(camera, [
      'point',
      '--server',
      'http://10.1.2.3:5050/API',
      '--json',
    ])
    expect(JSON.parse(second.stdout)).toEqual({
      url: 'http://10.1.2.3:5050/API',
      changed: false,
      slot: 1,
      rebootRequired: false,
    })
    expect(camera.writes()).toHaveLength(writes)
  })

  it('point: by default, this machine’s LAN address and port 5050', async () => {
    const camera = await fakeCamera()
    const run = await runCamera(camera, ['point'])
    expect(run.code).toBe(0)
    expect(camera.httpPostSlots()[0]).toMatchObject({
      switch: true,
      domain: lanAddress(),
      port: 5050,
      path: '/API',
    })
  })

  it('snapshot --out: writes the JPEG', async () => {
    const camera = await fakeCamera()
    const file = join(tempDir(), 'gate.jpg')
    const run = await runCamera(camera, ['snapshot', '--out', file])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Saved \d+ bytes \(image\/jpeg\) to /)
    const bytes = readFileSync(file)
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9])
  })

  it('a wrong password: exit 1 with the camera’s answer, and the password is never printed', async () => {
    const camera = await fakeCamera()
    const secret = 'Wr0ng-Secret!'
    const run = await runCamera(camera, ['groups', '--password', secret])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'viewtron camera groups: GetLicensePlateGroups: the camera refused the user name or password (HTTP 401)\n',
    )
    expect(run.stdout + run.stderr).not.toContain(secret)
    const json = await runCamera(camera, ['info', '--json', '--password', secret])
    expect(json.code).toBe(1)
    expect(json.stdout + json.stderr).not.toContain(secret)
  })

  it('a camera URL that does not parse is refused without echoing it (it may hold a password)', async () => {
    const secret = 'S3cret-In-Url'
    const run = await runCli(['camera', 'info', '--camera', `http://admin:${secret}@[bad`])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--camera is not a URL')
    expect(run.stdout + run.stderr).not.toContain(secret)
    const point = await runCli([
      'camera',
      'point',
      '--camera',
      'http://127.0.0.1:9',
      '--server',
      `http://user:${secret}@[bad`,
    ])
    expect(point.code).toBe(2)
    expect(point.stdout + point.stderr).not.toContain(secret)
  })

  it('a camera that does not answer: exit 1 after --timeout', async () => {
    const camera = await fakeCamera()
    camera.fault({ kind: 'hang' })
    const run = await runCamera(camera, ['info', '--timeout', '0.5'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('GetDeviceInfo: no complete reply within 500 ms')
  })

  it('Ctrl-C stops a command waiting for the camera', async () => {
    const camera = await fakeCamera()
    camera.fault({ kind: 'hang' })
    const cli = startCli(['camera', 'plates', 'list'], {
      env: { VIEWTRON_CAMERA_URL: camera.url, VIEWTRON_CAMERA_PASSWORD: camera.password },
    })
    while (camera.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 50))
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(130)
    expect(cli.stderr()).toBe('viewtron camera plates list: stopped\n')
  })

  it('bad command lines exit 2 before any request', async () => {
    const camera = await fakeCamera()
    const noCamera = await runCli(['camera', 'info'], { env: { VIEWTRON_CAMERA_URL: '' } })
    expect(noCamera.code).toBe(2)
    expect(noCamera.stderr).toContain('give the camera with --camera URL')
    const badGroup = await runCamera(camera, ['plates', 'list', '--group', 'vip'])
    expect(badGroup.code).toBe(2)
    expect(badGroup.stderr).toContain(
      "--group must be allow, block, temporary or a group id, got 'vip'",
    )
    const unknown = await runCamera(camera, ['reboot'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("viewtron camera: unknown subcommand 'reboot'")
    const plates = await runCamera(camera, ['plates', '--group', 'allow'])
    expect(plates.code).toBe(2)
    expect(plates.stderr).toContain('give a plates subcommand: list, add, remove, import or sync')
    const missing = await runCamera(camera, ['plates', 'add', '--group', 'allow'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('give PLATE')
    const help = await runCamera(camera, ['plates', 'sync', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: viewtron camera <subcommand> [options]')
    expect(camera.requests).toEqual([])
  })
})
