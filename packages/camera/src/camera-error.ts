import { describeCode } from './error-codes.js'

/** What went wrong, stable across versions: match on this (or the subclass), not on messages. */
export type CameraErrorKind =
  | 'auth'
  | 'unsupported'
  | 'timeout'
  | 'failed'
  | 'malformed'
  | 'connection'

/** Where a {@link CameraError} came from. */
export interface CameraErrorDetails {
  /** The camera command (`AddLicensePlates`, `GetDeviceInfo`, …). */
  command: string
  /** The HTTP status of the reply, or `null` when there was no reply. */
  httpStatus?: number | null
  /** The camera's `errorCode`, or `null` when it sent none. */
  code?: number | null
  /** The camera's `errorDesc` (or the documented meaning of its code), or what went wrong. */
  description: string
  /** The underlying error (a socket or parse failure), kept as the error's `cause`. */
  cause?: unknown
}

/**
 * Base class of every error a {@link ViewtronCamera} method throws about the camera (bad
 * arguments are `RangeError`s or `TypeError`s instead, thrown before any request; an aborted
 * `signal` rejects with the signal's reason). Never holds the password.
 */
export class CameraError extends Error {
  /** The class name, `'CameraError'` here and each subclass's own name in a subclass. */
  override name = 'CameraError'
  /** What went wrong; each kind has its own subclass. */
  readonly kind: CameraErrorKind = 'failed'
  /** The camera command that failed. */
  readonly command: string
  /** HTTP status of the reply, `null` when none came. */
  readonly httpStatus: number | null
  /** The camera's error code (`203` plate already exists, …), `null` when it sent none. */
  readonly code: number | null
  /** The camera's description of the failure, or ours when it gave none. */
  readonly description: string

  constructor(details: CameraErrorDetails) {
    const code = details.code ?? null
    super(
      `${details.command}: ${details.description}${code === null ? '' : ` (code ${code})`}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    )
    this.command = details.command
    this.httpStatus = details.httpStatus ?? null
    this.code = code
    this.description = details.description
  }

  /**
   * The error as plain data (`kind`, `command`, `httpStatus`, `code`, `description`, `message`).
   */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      command: this.command,
      httpStatus: this.httpStatus,
      code: this.code,
      description: this.description,
      message: this.message,
    }
  }
}

/** The camera refused the credentials (HTTP 401, codes 4 permission denied, 9, 10 user locked). */
export class CameraAuthError extends CameraError {
  /** Always `'CameraAuthError'`. */
  override name = 'CameraAuthError'
  override readonly kind = 'auth'
}

/** The firmware does not know the command (HTTP 400 with an empty body, codes 1 and 11). */
export class CameraUnsupportedError extends CameraError {
  /** Always `'CameraUnsupportedError'`. */
  override name = 'CameraUnsupportedError'
  override readonly kind = 'unsupported'
}

/** No complete reply within `timeoutMs` (the timeout covers connecting, sending and reading). */
export class CameraTimeoutError extends CameraError {
  /** Always `'CameraTimeoutError'`. */
  override name = 'CameraTimeoutError'
  override readonly kind = 'timeout'
}

/** The camera answered and reported a failure (`status="failed"` with its code). */
export class CameraFailureError extends CameraError {
  /** Always `'CameraFailureError'`. */
  override name = 'CameraFailureError'
  override readonly kind = 'failed'
}

/** The reply could not be read: not XML, no `<config>`, or not the content the command gives. */
export class CameraMalformedReplyError extends CameraError {
  /** Always `'CameraMalformedReplyError'`. */
  override name = 'CameraMalformedReplyError'
  override readonly kind = 'malformed'
}

/** The connection failed (refused, reset, unreachable) before a reply arrived. */
export class CameraConnectionError extends CameraError {
  /** Always `'CameraConnectionError'`. */
  override name = 'CameraConnectionError'
  override readonly kind = 'connection'
}

/** The error class for a code the camera reported in a reply. */
export function errorForCode(
  command: string,
  code: number,
  description: string | null,
  httpStatus: number | null,
): CameraError {
  const details = { command, code, httpStatus, description: description || describeCode(code) }
  if (code === 4 || code === 9 || code === 10) return new CameraAuthError(details)
  if (code === 1 || code === 11) return new CameraUnsupportedError(details)
  return new CameraFailureError(details)
}
