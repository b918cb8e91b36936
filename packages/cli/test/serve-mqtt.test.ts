import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SUCCESS_REPLY } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { type Broker, removeBroker, startBroker } from '../../mqtt/test/helpers/mosquitto.js'
import { type Recorder, record } from '../../mqtt/test/helpers/recorder.js'
import { startCli } from './helpers/cli-process.js'
import { interrupt, startServe } from './helpers/serve-process.js'
import { teardown } from './helpers/teardown.js'

const PASSWORD = 's3cr3t"#pass'
const device = { name: 'Gate', mac: '58:5B:69:AA:00:01', sn: 'SN1', ip: '10.0.0.5' }
let broker: Broker
let recorder: Recorder
let dir: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'viewtron-cli-mqtt-'))
  const passwords = join(dir, 'passwords')
  execFileSync('mosquitto_passwd', ['-b', '-c', passwords, 'bridge', PASSWORD])
  broker = await startBroker(['allow_anonymous false', `password_file ${passwords}`])
  recorder = await record(broker.url, '#', { username: 'bridge', password: PASSWORD })
  process.env.MQTT_USERNAME = 'bridge'
  process.env.MQTT_PASSWORD = PASSWORD
})

afterEach(async () => {
  delete process.env.MQTT_USERNAME
  delete process.env.MQTT_PASSWORD
  await teardown()
  await recorder.close()
  await removeBroker(broker)
  rmSync(dir, { recursive: true, force: true })
})

it('serve --mqtt --ha publishes each event before acknowledging it; mqtt listen prints it; the password is never printed', async () => {
  const serve = await startServe(['--mqtt', broker.url, '--ha', '--node-id', 'cli-node'])
  await serve.waitFor(
    /Publishing to mqtt:\/\/127\.0\.0\.1:\d+ as node cli-node, Home Assistant discovery on/,
  )
  const listen = startCli(['mqtt', 'listen', '--mqtt', broker.url, '--json'])
  await listen.waitFor(/Listening to mqtt:/, 'stderr')
  await recorder.waitFor(
    (m) => m.topic === 'viewtron/bridge/cli-node/status' && m.payload.toString() === 'online',
  )
  // Give the listener's subscription time to reach the broker.
  await new Promise((resolve) => setTimeout(resolve, 500))

  const response = await request(serve.url, {
    method: 'POST',
    body: ipcLprPost({ header: 'capture', device, plate: 'CLI123' }),
  })
  expect(await response.body.text()).toBe(SUCCESS_REPLY)
  // Acknowledged means on the broker: the retained state is there.
  const state = await recorder.waitFor((m) => m.topic === 'viewtron/585b69aa0001/lpr/state')
  expect(JSON.parse(state.payload.toString())).toMatchObject({
    plateNumber: 'CLI123',
    nodeId: 'cli-node',
  })
  expect(recorder.messages.some((m) => m.topic === 'viewtron/585b69aa0001/lpr/image/target')).toBe(
    true,
  )
  expect(
    recorder.messages.some(
      (m) => m.topic === 'homeassistant/sensor/viewtron_585b69aa0001_plate/config',
    ),
  ).toBe(true)

  const line = await listen.waitFor(/^\{.*"CLI123".*\}$/m)
  const printed = JSON.parse(line[0])
  expect(printed).toMatchObject({
    category: 'lpr',
    plateNumber: 'CLI123',
    cameraId: '585b69aa0001',
    nodeId: 'cli-node',
  })
  expect(printed.id).toMatch(/^[0-9a-f]{24}$/)

  expect(await interrupt(listen)).toBe(0)
  expect(await interrupt(serve)).toBe(0)
  await recorder.waitFor(
    (m) => m.topic === 'viewtron/bridge/cli-node/status' && m.payload.toString() === 'offline',
  )
  for (const output of [serve.stdout(), serve.stderr(), listen.stdout(), listen.stderr()]) {
    expect(output).not.toContain(PASSWORD)
  }
})

it('refuses --ha without a broker, and a URL that is not MQTT', async () => {
  const withoutBroker = startCli(['serve', '--port', '0', '--ha'])
  expect(await withoutBroker.exited).toBe(2)
  expect(withoutBroker.stderr()).toContain('--ha needs --mqtt')
  const wrong = startCli(['mqtt', 'listen', '--mqtt', 'http://user:pw@host'])
  expect(await wrong.exited).toBe(2)
  expect(wrong.stderr()).not.toContain('pw')
})
