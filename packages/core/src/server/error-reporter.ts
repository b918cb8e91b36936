import { RefusePost } from './refuse-post.js'
import { messageOf, type ServerCallbackName, ViewtronServerError } from './server-error.js'

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}

/** The default `onError`: one line to stderr, whatever the message holds. */
export function writeErrorLine(error: ViewtronServerError): void {
  process.stderr.write(`viewtron: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`)
}

/**
 * Runs user callbacks so that none can stop the server: a throw or rejection becomes a
 * {@link ViewtronServerError} for `onError`, and a throwing `onError` falls back to stderr.
 */
export class ErrorReporter {
  readonly #onError: (error: ViewtronServerError) => void
  #count = 0

  constructor(onError: ((error: ViewtronServerError) => void) | undefined) {
    this.#onError = onError ?? writeErrorLine
  }

  /** Errors reported so far. */
  get count(): number {
    return this.#count
  }

  report(error: ViewtronServerError): void {
    this.#count++
    try {
      this.#onError(error)
    } catch (failure) {
      writeErrorLine(
        new ViewtronServerError(
          'VIEWTRON_CALLBACK_FAILED',
          `onError threw: ${messageOf(failure)} (while reporting: ${error.message})`,
          { cause: failure },
        ),
      )
    }
  }

  /** Runs a callback, awaiting a returned promise; never throws. */
  async call(name: ServerCallbackName, clientIp: string, run: () => unknown): Promise<void> {
    await this.attempt(name, clientIp, run, false)
  }

  /**
   * Runs a callback like {@link call}; when `refusable`, a {@link RefusePost} it throws is
   * returned instead of reported (the post is refused, which is not a failure).
   */
  async attempt(
    name: ServerCallbackName,
    clientIp: string,
    run: () => unknown,
    refusable: boolean,
  ): Promise<RefusePost | null> {
    try {
      const value = run()
      if (isThenable(value)) await value
      return null
    } catch (error) {
      if (refusable && error instanceof RefusePost) return error
      this.report(
        new ViewtronServerError(
          'VIEWTRON_CALLBACK_FAILED',
          `${name} failed for ${clientIp}: ${messageOf(error)}`,
          { cause: error, callback: name, clientIp },
        ),
      )
      return null
    }
  }
}
