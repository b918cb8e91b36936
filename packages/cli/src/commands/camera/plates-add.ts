import { checkPlateInput, type PlateInput } from '@viewtron/camera'
import { UsageError } from '../../usage-error.js'
import { printAddResults } from './add-results.js'
import type { CameraSubcommand, SubcommandCall } from './camera-subcommand.js'
import { groupOption } from './plates-list.js'

function plateFrom({ values, positionals }: Omit<SubcommandCall, 'cam'>): PlateInput {
  const plate: PlateInput = {
    number: positionals[0] ?? '',
    group: groupOption(values.group, true) as PlateInput['group'],
  }
  for (const name of ['owner', 'telephone', 'begin', 'end'] as const) {
    const value = values[name]
    if (typeof value === 'string') plate[name] = value
  }
  if (typeof values.card === 'string') plate.cardNumber = values.card
  try {
    return checkPlateInput(plate, 'plate')
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message)
    throw error
  }
}

/** `viewtron camera plates add PLATE --group G [--owner …]`: one plate, with its details. */
export const platesAdd: CameraSubcommand = {
  options: {
    group: { type: 'string' },
    owner: { type: 'string' },
    telephone: { type: 'string' },
    card: { type: 'string' },
    begin: { type: 'string' },
    end: { type: 'string' },
  },
  arguments: ['PLATE'],
  check(call) {
    plateFrom(call)
  },
  async run(call) {
    const results = await call.cam.plates.add([plateFrom(call)], { signal: call.io.signal })
    return printAddResults(call.io, results, call.json)
  },
}
