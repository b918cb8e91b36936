import type { ParseResult } from '@viewtron/core'
import { eventRecord } from './event-record.js'

/**
 * A parse result as plain JSON data: events through `toJSON()` (images summarised, never
 * base64), keepalives and alarm status as they are, unparsed with its reason.
 */
export function parseResultRecord(file: string, result: ParseResult): Record<string, unknown> {
  switch (result.kind) {
    case 'event':
      return { file, kind: result.kind, event: eventRecord(result.event) }
    case 'keepalive':
      return { file, kind: result.kind, keepalive: result.keepalive }
    case 'alarmStatus':
      return { file, kind: result.kind, status: result.status }
    case 'unparsed':
      return {
        file,
        kind: result.kind,
        reason: result.reason,
        detail: result.detail,
        bytes: result.bytes,
      }
  }
}
