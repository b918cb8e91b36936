import { ViewtronCamera } from '@viewtron/camera'
import { positiveOption } from '../../command-line.js'
import { UsageError } from '../../usage-error.js'

/** The options every `viewtron camera` subcommand takes. */
export const CONNECTION_OPTIONS = {
  camera: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * The camera client for `--camera`, `--user`, `--password` (else `VIEWTRON_CAMERA_URL`,
 * `VIEWTRON_CAMERA_USER`, `VIEWTRON_CAMERA_PASSWORD`) and `--timeout` seconds.
 */
export function connectCamera(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): ViewtronCamera {
  const text = (name: string): string | undefined => {
    const value = values[name]
    return typeof value === 'string' ? value : undefined
  }
  const url = text('camera') ?? env.VIEWTRON_CAMERA_URL
  if (url === undefined || url === '') {
    throw new UsageError('give the camera with --camera URL (or VIEWTRON_CAMERA_URL)')
  }
  let parsed: URL
  try {
    parsed = new URL(/^[a-z]+:\/\//i.test(url) ? url : `http://${url}`)
  } catch {
    // The value is not echoed: it may hold a user name and password.
    throw new UsageError('--camera is not a URL (expected http://host[:port])')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--camera: '${parsed.protocol}' is not http or https`)
  }
  const timeout = text('timeout')
  return new ViewtronCamera({
    url: parsed,
    username: text('user') ?? (env.VIEWTRON_CAMERA_USER || undefined),
    password: text('password') ?? env.VIEWTRON_CAMERA_PASSWORD,
    timeoutMs: timeout === undefined ? 10_000 : positiveOption('timeout', timeout) * 1000,
  })
}
