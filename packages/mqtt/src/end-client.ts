import type { MqttClient } from 'mqtt'

/** Resolves true if `promise` settled within `ms`, false otherwise. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms))
  })
  try {
    return await Promise.race([promise.then(() => true), late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Disconnects cleanly when the broker is reachable: waits (up to `graceMs`) for what is in
 * flight, then sends DISCONNECT. Without a connection, or if the broker never answers, it
 * closes at once instead of waiting forever (mqtt.js's own clean end waits for every PUBACK,
 * and for the socket to close, which a frozen broker never does). Always returns within about
 * `graceMs`.
 */
export async function endClient(client: MqttClient, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs
  const busy = (): boolean => Object.keys(client.outgoing).length > 0
  while (client.connected && busy() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const ending = client.endAsync(!client.connected || busy())
  // A rejection after the race is lost must not go unhandled.
  ending.catch(() => undefined)
  if (await within(ending, deadline - Date.now())) return ending
  // mqtt.js ignores a second end() while one is running (endAsync(true) would return at
  // once, leaving the socket open): destroying the socket is what forces the end through.
  client.stream?.destroy()
  await within(ending, 1000)
}
