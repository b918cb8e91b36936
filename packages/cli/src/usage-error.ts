import type { Io } from './io.js'

/** A bad command line: the command prints the message and a pointer to `--help`, then exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly code = 'VIEWTRON_USAGE' as const
}

/** Exit code of a bad command line. */
export const USAGE_EXIT = 2

/** Prints `viewtron <command>: <message>` and where to get help; returns {@link USAGE_EXIT}. */
export function reportUsage(io: Io, command: string, error: UsageError): number {
  const name = command === '' ? 'viewtron' : `viewtron ${command}`
  io.stderr.write(`${name}: ${error.message}\nRun '${name} --help' for usage.\n`)
  return USAGE_EXIT
}
