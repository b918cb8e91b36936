import type { UnparsedReason } from '../types.js'

/**
 * Thrown inside the parser to stop work at once; the parse functions turn it into an `unparsed`
 * result, so it never reaches a caller.
 */
export class ParseStop extends Error {
  readonly reason: UnparsedReason

  constructor(reason: UnparsedReason, detail: string) {
    super(detail)
    this.name = 'ParseStop'
    this.reason = reason
  }
}
