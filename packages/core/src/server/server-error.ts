/** Stable codes of {@link ViewtronServerError}; match on these, never on the message. */
export type ViewtronServerErrorCode =
  /** A callback (`onEvent`, `onConnect`, …) threw or its promise rejected. */
  | 'VIEWTRON_CALLBACK_FAILED'
  /** An image could not be written to the `images.dir` directory. */
  | 'VIEWTRON_IMAGE_WRITE_FAILED'
  /** Handling a request failed unexpectedly; the request was answered 500 or its socket closed. */
  | 'VIEWTRON_REQUEST_FAILED'

/** Names of the callbacks that can fail. */
export type ServerCallbackName =
  | 'onEvent'
  | 'onConnect'
  | 'onRaw'
  | 'onUnparsed'
  | 'onAlarmStatus'
  | 'onKeepalive'
  | 'onPresence'

const BRAND = Symbol.for('@viewtron/core/ViewtronServerError')

/**
 * What the server hands to `onError`: a failure that did not stop it. `cause` holds the original
 * error; `callback` and `clientIp` say where it happened.
 */
export class ViewtronServerError extends Error {
  /** Always `'ViewtronServerError'`. */
  override readonly name = 'ViewtronServerError'
  /** What kind of failure this is; stable across releases, unlike the message. */
  readonly code: ViewtronServerErrorCode
  /** The callback that failed, for `VIEWTRON_CALLBACK_FAILED`. */
  readonly callback: ServerCallbackName | null
  /** The device whose post was being handled; `''` if unknown. */
  readonly clientIp: string

  constructor(
    code: ViewtronServerErrorCode,
    message: string,
    options: { cause?: unknown; callback?: ServerCallbackName; clientIp?: string } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.callback = options.callback ?? null
    this.clientIp = options.clientIp ?? ''
  }

  /** True for errors made by any copy of this package (a brand, not the class identity). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value
  }

  /** The brand `instanceof` checks for: present on errors made by any copy of this package. */
  get [BRAND](): true {
    return true
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
