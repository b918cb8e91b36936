/**
 * The empty heartbeat an IPC sends with `httpPostV2` "Send heartbeat" on: a POST with
 * `Content-Length: 0`.
 */
export function emptyHeartbeat(): string {
  return ''
}
