import type { CameraSubcommand } from './camera-subcommand.js'
import { printJson } from './camera-subcommand.js'
import { textTable } from './text-table.js'

/** `viewtron camera groups`: the plate groups with their ids and kinds. */
export const groups: CameraSubcommand = {
  options: {},
  arguments: [],
  async run({ cam, io, json }) {
    const list = await cam.plateGroups({ signal: io.signal })
    if (json) printJson(io, list)
    else
      io.stdout.write(
        textTable(
          ['ID', 'NAME', 'KIND'],
          list.map((g) => [g.id, g.name, g.kind]),
        ),
      )
    return 0
  },
}
