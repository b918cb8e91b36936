import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SUCCESS_REPLY } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { request } from 'undici'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { certificates, tlsListener } from '../../mqtt/test/helpers/certificates.js'
import { type Broker, removeBroker, startBroker } from '../../mqtt/test/helpers/mosquitto.js'
import { type Recorder, record } from '../../mqtt/test/helpers/recorder.js'
import { startCli } from './helpers/cli-process.js'
import { interrupt, startServe } from './helpers/serve-process.js'
import { teardown } from './helpers/teardown.js'

const PASSWORD = 'tls:s3cr3t@pass'
const device = { name: 'Gate', mac: '58:5B:69:AA:00:01', sn: 'SN1', ip: '10.0.0.5' }
let broker: Broker
let recorder: Recorder
let dir: string
let files: { ca: string; cert: string; key: string }

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'viewtron-cli-mqtts-'))
  const tls = certificates(dir)
  files = { ca: join(dir, 'ca.crt'), cert: join(dir, 'client.crt'), key: join(dir, 'client.key') }
  const passwords = join(dir, 'passwords')
  execFileSync('mosquitto_passwd', ['-b', '-c', passwords, 'bridge', PASSWORD])
  broker = await startBroker([
    ...tlsListener(dir),
    'allow_anonymous false',
    `password_file ${passwords}`,
  ])
  recorder = await record(`mqtts://127.0.0.1:${broker.port}`, '#', {
    ...tls,
    username: 'bridge',
    password: PASSWORD,
  })
})

afterEach(async () => {
  await teardown()
  await recorder.close()
  await removeBroker(broker)
  rmSync(dir, { recursive: true, force: true })
})

/** Every form the password could be printed in. */
const leaks = (output: string): boolean =>
  output.includes(PASSWORD) || output.includes(encodeURIComponent(PASSWORD))

it('serve and mqtt listen reach a TLS broker with --mqtt-ca/--mqtt-cert/--mqtt-key (or MQTT_CA/MQTT_CERT/MQTT_KEY) and credentials in the URL, never printed', async () => {
  const url = `mqtts://bridge:${encodeURIComponent(PASSWORD)}@127.0.0.1:${broker.port}`
  const serve = await startServe([
    '--mqtt',
    url,
    '--mqtt-ca',
    files.ca,
    '--mqtt-cert',
    files.cert,
    '--mqtt-key',
    files.key,
    '--node-id',
    'tls-node',
  ])
  await serve.waitFor(/Publishing to mqtts:\/\/127\.0\.0\.1:\d+ as node tls-node/)
  const listen = startCli(['mqtt', 'listen', '--mqtt', url, '--json'], {
    env: { MQTT_CA: files.ca, MQTT_CERT: files.cert, MQTT_KEY: files.key },
  })
  await listen.waitFor(/Listening to mqtts:/, 'stderr')
  await recorder.waitFor(
    (m) => m.topic === 'viewtron/bridge/tls-node/status' && m.payload.toString() === 'online',
  )
  await new Promise((resolve) => setTimeout(resolve, 500))
  const response = await request(serve.url, {
    method: 'POST',
    body: ipcLprPost({ header: 'capture', device, plate: 'TLS123', images: 'small' }),
  })
  expect(await response.body.text()).toBe(SUCCESS_REPLY)
  const state = await recorder.waitFor((m) => m.topic === 'viewtron/585b69aa0001/lpr/state')
  expect(JSON.parse(state.payload.toString())).toMatchObject({ plateNumber: 'TLS123' })
  const line = await listen.waitFor(/^\{.*"TLS123".*\}$/m)
  expect(JSON.parse(line[0])).toMatchObject({ plateNumber: 'TLS123', nodeId: 'tls-node' })
  expect(await interrupt(listen)).toBe(0)
  expect(await interrupt(serve)).toBe(0)
  for (const output of [serve.stdout(), serve.stderr(), listen.stdout(), listen.stderr()]) {
    expect(leaks(output)).toBe(false)
  }
}, 60_000)

it('a wrong password in the URL, missing TLS files and TLS flags on mqtt:// are reported without the password', async () => {
  const wrong = `mqtts://bridge:${encodeURIComponent(`${PASSWORD}x`)}@127.0.0.1:${broker.port}`
  const tlsArgs = ['--mqtt-ca', files.ca, '--mqtt-cert', files.cert, '--mqtt-key', files.key]
  const serve = await startServe(['--mqtt', wrong, ...tlsArgs, '--json'])
  await serve.waitFor(/viewtron: mqtt: .*(authori|refused)/i, 'stderr')
  expect(await interrupt(serve)).toBe(0)
  const missing = startCli([
    'mqtt',
    'listen',
    '--mqtt',
    wrong,
    '--mqtt-ca',
    join(dir, 'nothing.crt'),
  ])
  expect(await missing.exited).toBe(2)
  expect(missing.stderr()).toContain('--mqtt-ca: cannot read')
  const plain = startCli([
    'mqtt',
    'listen',
    '--mqtt',
    `mqtt://bridge:${PASSWORD}@127.0.0.1:1`,
    ...tlsArgs,
  ])
  expect(await plain.exited).toBe(2)
  expect(plain.stderr()).toContain('need an mqtts:// or wss:// URL')
  for (const cli of [serve, missing, plain]) {
    for (const output of [cli.stdout(), cli.stderr()]) expect(leaks(output)).toBe(false)
  }
}, 60_000)
