import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { UsageError } from '../../usage-error.js'
import { type CameraSubcommand, printJson } from './camera-subcommand.js'

/** `viewtron camera snapshot --out FILE.jpg`: saves a still image. */
export const snapshot: CameraSubcommand = {
  options: { out: { type: 'string' } },
  arguments: [],
  check({ values }) {
    if (typeof values.out !== 'string' || values.out === '') {
      throw new UsageError('give the file to write with --out FILE.jpg')
    }
  },
  async run({ cam, values, io, json }) {
    const file = resolve(values.out as string)
    const image = await cam.snapshot({ signal: io.signal })
    await writeFile(file, image.bytes)
    if (json) printJson(io, { file, bytes: image.bytes.length, contentType: image.contentType })
    else io.stdout.write(`Saved ${image.bytes.length} bytes (${image.contentType}) to ${file}\n`)
    return 0
  },
}
