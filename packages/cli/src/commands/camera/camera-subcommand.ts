import type { ParseArgsConfig } from 'node:util'
import type { ViewtronCamera } from '@viewtron/camera'
import type { Io } from '../../io.js'

/** What a `viewtron camera` subcommand gets once its command line is read. */
export interface SubcommandCall {
  cam: ViewtronCamera
  /** Option values (the shared ones included). */
  values: Record<string, string | boolean | undefined>
  /** Arguments after the subcommand name. */
  positionals: string[]
  io: Io
  /** `--json`: machine output on stdout. */
  json: boolean
}

/** One `viewtron camera` subcommand. */
export interface CameraSubcommand {
  /** Its own options, besides `--camera`, `--user`, `--password`, `--json`, `--timeout`. */
  options: NonNullable<ParseArgsConfig['options']>
  /** Names of its positional arguments, in order (all required). */
  arguments: readonly string[]
  /** Checks option values before the camera is contacted; throws a `UsageError`. */
  check?(call: Omit<SubcommandCall, 'cam'>): void
  /** Runs against the camera; returns the exit code. */
  run(call: SubcommandCall): Promise<number>
}

/** Prints one JSON document. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
