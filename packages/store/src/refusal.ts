/**
 * The error a store handler throws when it cannot keep a post, so the server refuses it
 * (503 + Retry-After) instead of acknowledging it; the camera sends it again later.
 */
export function refusal(reason: string, retryAfterSeconds: number, cause: unknown): Error {
  const detail = cause instanceof Error ? cause.message : String(cause)
  const error = new Error(`${reason}: ${detail}`, { cause })
  Object.assign(error, { retryAfterSeconds })
  return error
}
