import { lanAddress } from '@viewtron/core'
import { integerOption } from '../../command-line.js'
import { UsageError } from '../../usage-error.js'
import { type CameraSubcommand, printJson } from './camera-subcommand.js'

function serverUrl(value: string | boolean | undefined): string {
  if (typeof value !== 'string') return `http://${lanAddress()}:5050/API`
  let url: URL
  try {
    url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `http://${value}`)
  } catch {
    // The value is not echoed: it may hold a user name and password.
    throw new UsageError('--server is not a URL (expected http://host[:port]/path)')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http or https URL, got '${url.protocol}'`)
  }
  // A server URL without a path posts to /API, as `serve` prints it.
  if (url.pathname === '/' && !/^[a-z]+:\/\/[^/]+\/$/i.test(value)) url.pathname = '/API'
  return url.href
}

/** `viewtron camera point [--server URL]`: aims the camera's HTTP POST at a server. */
export const point: CameraSubcommand = {
  options: { server: { type: 'string' }, slot: { type: 'string' }, keepalive: { type: 'string' } },
  arguments: [],
  check({ values }) {
    serverUrl(values.server)
    if (typeof values.slot === 'string') integerOption('slot', values.slot, 1, 3)
    if (typeof values.keepalive === 'string') integerOption('keepalive', values.keepalive, 30, 120)
  },
  async run({ cam, values, io, json }) {
    const url = serverUrl(values.server)
    const result = await cam.httpPost.point({
      url,
      slot: typeof values.slot === 'string' ? Number(values.slot) : undefined,
      keepaliveSeconds: typeof values.keepalive === 'string' ? Number(values.keepalive) : undefined,
      signal: io.signal,
    })
    if (json) {
      printJson(io, { url, ...result })
    } else if (result.changed) {
      io.stdout.write(
        `HTTP POST slot ${result.slot} now posts to ${url} with heartbeats.\n` +
          'Reboot the camera to apply the change: until then no events arrive.\n',
      )
    } else {
      io.stdout.write(`HTTP POST slot ${result.slot} already posts to ${url}: nothing changed.\n`)
    }
    return 0
  },
}
