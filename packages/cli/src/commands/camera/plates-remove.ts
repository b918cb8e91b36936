import { UsageError } from '../../usage-error.js'
import { type CameraSubcommand, printJson } from './camera-subcommand.js'
import { groupOption } from './plates-list.js'

/** `viewtron camera plates remove PLATE --group G`; a plate that is not there is reported. */
export const platesRemove: CameraSubcommand = {
  options: { group: { type: 'string' } },
  arguments: ['PLATE'],
  check({ values, positionals }) {
    groupOption(values.group, true)
    if ((positionals[0] ?? '').trim() === '') throw new UsageError('give the PLATE to remove')
  },
  async run({ cam, values, positionals, io, json }) {
    const group = groupOption(values.group, true)
    if (group === undefined) return 2
    const result = await cam.plates.remove(positionals[0] as string, group, { signal: io.signal })
    if (json) {
      printJson(io, { number: result.number, group: result.group.name, removed: result.removed })
    } else if (result.removed) {
      io.stdout.write(`Removed ${result.number} from ${result.group.name}\n`)
    } else {
      io.stdout.write(`${result.number} is not in ${result.group.name}: nothing to remove\n`)
    }
    return 0
  },
}
