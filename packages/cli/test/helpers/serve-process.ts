import { type CliProcess, startCli } from './cli-process.js'

/** A `viewtron serve` on a free local port, ready for posts. */
export interface ServeProcess extends CliProcess {
  url: string
}

/** Starts `viewtron serve --port 0 --host 127.0.0.1 ...args` and waits for its banner. */
export async function startServe(args: string[] = []): Promise<ServeProcess> {
  const cli = startCli(['serve', '--port', '0', '--host', '127.0.0.1', ...args])
  const from = args.includes('--json') ? 'stderr' : 'stdout'
  const match = await cli.waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+)/, from)
  return { ...cli, url: `${match[1]}/API` }
}

/** Sends Ctrl-C and waits for the exit code. */
export async function interrupt(cli: CliProcess): Promise<number | null> {
  cli.child.kill('SIGINT')
  return cli.exited
}

/** Every JSON line `serve --json` printed: events and presence changes. */
// biome-ignore lint/suspicious/noExplicitAny: records are checked field by field in tests
export function jsonRecords(cli: CliProcess): any[] {
  return cli
    .stdout()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
}

/** The event lines `serve --json` printed (presence lines, which have a `type`, left out). */
// biome-ignore lint/suspicious/noExplicitAny: records are checked field by field in tests
export function jsonEvents(cli: CliProcess): any[] {
  return jsonRecords(cli).filter((record) => record.type !== 'presence')
}
