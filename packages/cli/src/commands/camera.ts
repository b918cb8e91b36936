import { CameraError } from '@viewtron/camera'
import { parseCommandLine } from '../command-line.js'
import { helpText } from '../help.js'
import type { Io } from '../io.js'
import { reportUsage, UsageError } from '../usage-error.js'
import { CONNECTION_OPTIONS, connectCamera } from './camera/camera-connection.js'
import type { CameraSubcommand } from './camera/camera-subcommand.js'
import { groups } from './camera/groups.js'
import { info } from './camera/info.js'
import { platesAdd } from './camera/plates-add.js'
import { platesImport } from './camera/plates-import.js'
import { platesList } from './camera/plates-list.js'
import { platesRemove } from './camera/plates-remove.js'
import { platesSync } from './camera/plates-sync.js'
import { point } from './camera/point.js'
import { snapshot } from './camera/snapshot.js'

const SUBCOMMANDS: Record<string, CameraSubcommand> = {
  info,
  groups,
  'plates list': platesList,
  'plates add': platesAdd,
  'plates remove': platesRemove,
  'plates import': platesImport,
  'plates sync': platesSync,
  point,
  snapshot,
}

/** The subcommand's name (`info`, `plates add`, …) and the arguments after it. */
function splitName(args: string[]): [string, string[]] {
  if (args[0] === 'plates' && args[1] !== undefined && !args[1].startsWith('-')) {
    return [`plates ${args[1]}`, args.slice(2)]
  }
  return [args[0] ?? '', args.slice(1)]
}

/**
 * `viewtron camera <subcommand>`: talks to one camera's HTTP API (device info, plate lists,
 * HTTP POST, snapshot). Exit code 1 when the camera refuses or fails (with its code and
 * description), 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  const [name, rest] = splitName(args)
  if (name === '' || name === '--help' || name === '-h' || name === 'help') {
    ;(name === '' ? io.stderr : io.stdout).write(helpText('camera'))
    return name === '' ? 2 : 0
  }
  const label = `camera ${name}`
  const sub = SUBCOMMANDS[name]
  if (sub === undefined) {
    const what = name.startsWith('plates')
      ? 'give a plates subcommand: list, add, remove, import or sync'
      : `unknown subcommand '${name}'`
    return reportUsage(io, 'camera', new UsageError(what))
  }
  let call: Parameters<CameraSubcommand['run']>[0]
  try {
    const { values, positionals } = parseCommandLine(
      rest,
      { ...CONNECTION_OPTIONS, ...sub.options },
      true,
    )
    if (values.help === true) {
      io.stdout.write(helpText('camera'))
      return 0
    }
    if (positionals.length !== sub.arguments.length) {
      throw new UsageError(
        sub.arguments.length === 0
          ? `unexpected argument '${positionals[0]}'`
          : `give ${sub.arguments.join(' ')}`,
      )
    }
    const base = { values, positionals, io, json: values.json === true }
    sub.check?.(base)
    call = { ...base, cam: connectCamera(values, process.env) }
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, label, error)
    throw error
  }
  try {
    return await sub.run(call)
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write(`viewtron ${label}: stopped\n`)
      return 130
    }
    if (error instanceof CameraError || error instanceof RangeError) {
      io.stderr.write(`viewtron ${label}: ${error.message}\n`)
      return 1
    }
    throw error
  } finally {
    await call.cam.close()
  }
}
