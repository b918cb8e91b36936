import { networkInterfaces } from 'node:os'

/** Addresses that mean "every interface". */
const WILDCARDS = new Set(['', '::', '0.0.0.0', '::0'])

function hostForUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address
}

/** The machine's IPv4 addresses, LAN ones first and loopback last. */
function ipv4Addresses(): string[] {
  const lan: string[] = []
  const loopback: string[] = []
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4') continue
      ;(entry.internal ? loopback : lan).push(entry.address)
    }
  }
  return [...lan, ...(loopback.length > 0 ? loopback : ['127.0.0.1'])]
}

/**
 * The address a camera on the LAN should post to, for the banner: the bound address when the
 * server listens on one, else the first non-loopback IPv4 address, else `127.0.0.1`.
 */
export function lanAddress(boundHost?: string): string {
  if (boundHost !== undefined && !WILDCARDS.has(boundHost)) return boundHost
  return ipv4Addresses()[0] ?? '127.0.0.1'
}

/**
 * Every URL the server can be reached at (`http://`, or `https://` with TLS): one per IPv4
 * address when bound to all.
 */
export function listenUrls(boundHost: string, port: number, scheme = 'http'): string[] {
  const hosts = WILDCARDS.has(boundHost) ? ipv4Addresses() : [boundHost]
  return hosts.map((host) => `${scheme}://${hostForUrl(host)}:${port}`)
}
