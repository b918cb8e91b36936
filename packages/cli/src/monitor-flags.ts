import { BasicAuth, type BasicAuthOptions } from '@viewtron/core'
import { isLoopback } from '@viewtron/monitor'
import { integerOption } from './command-line.js'
import { UsageError } from './usage-error.js'

/** The monitor's default port. */
export const DEFAULT_UI_PORT = 8080

/** `serve`'s options for the live monitor. */
export const MONITOR_OPTIONS = {
  ui: { type: 'string' },
  'ui-host': { type: 'string' },
  'ui-auth': { type: 'string' },
  'ui-cache-mb': { type: 'string' },
} as const

/** The monitor settings of one `serve`; `null` without `--ui`. */
export interface MonitorSettings {
  port: number
  host: string
  auth: BasicAuthOptions | undefined
  cacheBytes: number
}

/**
 * `--ui` takes an optional port, which `parseArgs` cannot express: `--ui 9000` becomes
 * `--ui=9000`, and a bare `--ui` (last, or before another option) becomes `--ui=8080`.
 */
export function expandUiFlag(args: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg !== '--ui') {
      out.push(arg)
      continue
    }
    const next = args[i + 1]
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`--ui=${next}`)
      i++
    } else out.push(`--ui=${DEFAULT_UI_PORT}`)
  }
  return out
}

/** `user:password`, split at the first `:`; the text itself is never repeated in an error. */
function parseAuth(text: string, from: string): BasicAuthOptions {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) {
    throw new UsageError(`${from} must be USER:PASSWORD, both non-empty`)
  }
  const auth = { username: text.slice(0, colon), password: text.slice(colon + 1) }
  try {
    new BasicAuth(auth)
  } catch (error) {
    throw new UsageError(`${from}: ${(error as Error).message.replace(/^auth\./, '')}`)
  }
  return auth
}

/**
 * Reads the monitor flags; a non-loopback `--ui-host` without credentials is refused. The
 * credentials come from `--ui-auth`, else `VIEWTRON_UI_AUTH` (which, unlike a command line,
 * other users of the machine cannot read in the process list).
 */
export function monitorSettings(
  values: {
    ui?: string
    'ui-host'?: string
    'ui-auth'?: string
    'ui-cache-mb'?: string
  },
  env: NodeJS.ProcessEnv = {},
): MonitorSettings | null {
  if (values.ui === undefined) {
    for (const name of ['ui-host', 'ui-auth', 'ui-cache-mb'] as const) {
      if (values[name] !== undefined) throw new UsageError(`--${name} needs --ui`)
    }
    return null
  }
  const host = values['ui-host'] ?? '127.0.0.1'
  if (host === '') throw new UsageError('--ui-host needs an address')
  const noEnv = env.VIEWTRON_UI_AUTH === undefined || env.VIEWTRON_UI_AUTH === ''
  const auth =
    values['ui-auth'] !== undefined
      ? parseAuth(values['ui-auth'], '--ui-auth')
      : noEnv
        ? undefined
        : parseAuth(env.VIEWTRON_UI_AUTH as string, 'VIEWTRON_UI_AUTH')
  if (auth === undefined && !isLoopback(host)) {
    throw new UsageError(
      `--ui-host ${host} makes the monitor reachable from other machines; camera pictures are ` +
        'private, so give --ui-auth USER:PASSWORD (or VIEWTRON_UI_AUTH) too',
    )
  }
  const megabytes =
    values['ui-cache-mb'] === undefined
      ? 64
      : integerOption('ui-cache-mb', values['ui-cache-mb'], 0, 65536)
  return {
    port: integerOption('ui', values.ui, 0, 65535),
    host,
    auth,
    cacheBytes: megabytes * 2 ** 20,
  }
}
