/** Where a command writes text: `process.stdout`, `process.stderr`, or a test's buffer. */
export interface Writer {
  /** Writes `text` as it is (no newline added); the return value is ignored. */
  write(text: string): unknown
  /** True when the output is a terminal (progress lines are drawn only there). */
  readonly isTTY?: boolean
}

/** Everything a command may touch besides its arguments, so commands run in tests too. */
export interface Io {
  /** Where results go (events, summaries), for a pipe or a file. */
  stdout: Writer
  /** Where progress, warnings and errors go, so they never mix with the results. */
  stderr: Writer
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: the command stops cleanly and prints its summary. */
  signal: AbortSignal
}

/** A subcommand: takes its own arguments (without the command name), returns the exit code. */
export type Command = (args: string[], io: Io) => Promise<number>
