import { SUCCESS_REPLY } from '@viewtron/core'

/** How one post went: acknowledged means `200` with exactly the protocol's success XML. */
export interface PostOutcome {
  acknowledged: boolean
  /** Why it was not acknowledged; `null` when it was. */
  error: string | null
}

/** Judges a reply the way a device does: anything but `200` plus the success XML is a failure. */
export function judgeReply(status: number, body: string): PostOutcome {
  if (status !== 200) return { acknowledged: false, error: `HTTP ${status}` }
  if (body !== SUCCESS_REPLY) return { acknowledged: false, error: 'reply is not the success XML' }
  return { acknowledged: true, error: null }
}

/** A post that got no reply at all (refused, reset, timed out). */
export function failedPost(error: unknown): PostOutcome {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  return { acknowledged: false, error: typeof code === 'string' ? `${code}: ${message}` : message }
}
