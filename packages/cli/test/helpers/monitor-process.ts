import { type CliProcess, startCli } from './cli-process.js'

/** A `viewtron serve --ui` child: the cameras' URL and the page's URL. */
export interface MonitorProcess extends CliProcess {
  /** Where cameras post (`…/API`). */
  url: string
  /** The monitor page. */
  ui: string
}

/** Starts `viewtron serve --port 0 --host 127.0.0.1 --ui 0 ...args` and waits for both URLs. */
export async function startServeUi(args: string[] = []): Promise<MonitorProcess> {
  const cli = startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--ui', '0', ...args])
  const listening = await cli.waitFor(/Listening on (http:\/\/127\.0\.0\.1:\d+)/)
  const monitor = await cli.waitFor(/Monitor on (http:\/\/[^\s]+\/)/)
  return { ...cli, url: `${listening[1]}/API`, ui: monitor[1] as string }
}
