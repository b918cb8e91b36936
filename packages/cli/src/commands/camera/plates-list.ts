import type { CameraPlate } from '@viewtron/camera'
import { UsageError } from '../../usage-error.js'
import { type CameraSubcommand, printJson } from './camera-subcommand.js'
import { parseGroup } from './plate-csv.js'
import { textTable } from './text-table.js'

/** A plate as `--json` prints it. */
export function plateRecord(plate: CameraPlate) {
  return {
    number: plate.number,
    group: plate.group.name,
    groupId: plate.group.id,
    kind: plate.group.kind,
    owner: plate.owner,
    telephone: plate.telephone,
    cardNumber: plate.cardNumber,
    beginTime: plate.beginTime,
    endTime: plate.endTime,
  }
}

/** The `--group` option: a kind, a camera list name or an id. */
export function groupOption(value: string | boolean | undefined, required: boolean) {
  if (value === undefined) {
    if (required) throw new UsageError('give the group with --group allow|block|temporary|ID')
    return undefined
  }
  const group = parseGroup(String(value))
  if (group === null) {
    throw new UsageError(`--group must be allow, block, temporary or a group id, got '${value}'`)
  }
  return group
}

/** `viewtron camera plates list [--group G]`: every plate, page by page. */
export const platesList: CameraSubcommand = {
  options: { group: { type: 'string' } },
  arguments: [],
  check({ values }) {
    groupOption(values.group, false)
  },
  async run({ cam, values, io, json }) {
    const group = groupOption(values.group, false)
    const plates: CameraPlate[] = []
    for await (const plate of cam.plates.list({ group, signal: io.signal })) plates.push(plate)
    if (json) {
      printJson(io, plates.map(plateRecord))
      return 0
    }
    const rows = plates.map((p) => [
      p.number,
      p.group.name,
      p.owner,
      p.telephone,
      p.beginTime,
      p.endTime,
    ])
    io.stdout.write(textTable(['PLATE', 'GROUP', 'OWNER', 'TELEPHONE', 'BEGIN', 'END'], rows))
    io.stdout.write(`${plates.length} plate${plates.length === 1 ? '' : 's'}\n`)
    return 0
  },
}
