import type { CameraSubcommand } from './camera-subcommand.js'
import { printJson } from './camera-subcommand.js'

/** `viewtron camera info`: device information and capabilities. */
export const info: CameraSubcommand = {
  options: {},
  arguments: [],
  async run({ cam, io, json }) {
    const device = await cam.deviceInfo({ signal: io.signal })
    const caps = await cam.capabilities({ signal: io.signal })
    const supportedApis = caps.supportedApis === null ? null : [...caps.supportedApis].sort()
    if (json) {
      printJson(io, { device, capabilities: { ...caps, supportedApis } })
      return 0
    }
    const rows: [string, string | null][] = [
      ['Name', device.deviceName],
      ['Model', device.model],
      ['Brand', device.brand],
      ['MAC', device.mac],
      ['Serial', device.sn],
      ['Software', device.softwareVersion],
      ['API version', caps.apiVersion],
      ['HTTP POST version', caps.httpPostVersion],
      [
        'Supported APIs',
        supportedApis === null ? 'not listed by this firmware' : String(supportedApis.length),
      ],
    ]
    for (const [label, value] of rows) io.stdout.write(`${label.padEnd(19)}${value ?? '-'}\n`)
    return 0
  },
}
