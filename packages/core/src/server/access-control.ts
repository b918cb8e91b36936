import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

/** Credentials devices must send with HTTP Basic authentication. */
export interface BasicAuthOptions {
  /** Must not contain `:` (RFC 7617) or control characters. */
  username: string
  /** Any non-empty string without control characters. */
  password: string
}

/** The `WWW-Authenticate` value of a `401` (RFC 7617, credentials in UTF-8). */
export const BASIC_CHALLENGE = 'Basic realm="viewtron", charset="UTF-8"'

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest()

/**
 * Checks `Authorization: Basic …` headers against one set of credentials. Both sides are hashed
 * with SHA-256 and the digests compared with `timingSafeEqual`, so neither the time taken nor the
 * digest length says how much of a guess was right, or how long the password is.
 */
export class BasicAuth {
  readonly #expected: Buffer

  /** @throws TypeError or RangeError naming `auth`, `auth.username` or `auth.password`. */
  constructor(options: BasicAuthOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('auth must be an object { username, password }')
    }
    const { username, password } = options
    if (typeof username !== 'string') {
      throw new TypeError(`auth.username must be a string, got ${typeof username}`)
    }
    if (typeof password !== 'string') {
      throw new TypeError(`auth.password must be a string, got ${typeof password}`)
    }
    if (username === '' || username.includes(':') || CONTROL.test(username)) {
      throw new RangeError(
        'auth.username must be non-empty, without ":" or control characters (RFC 7617)',
      )
    }
    if (password === '' || CONTROL.test(password)) {
      throw new RangeError('auth.password must be non-empty, without control characters')
    }
    this.#expected = sha256(Buffer.from(`${username}:${password}`, 'utf8'))
  }

  /** True when the `Authorization` header carries the configured credentials. */
  check(header: string | undefined): boolean {
    const match = /^basic +([A-Za-z0-9+/=._~-]*) *$/i.exec(header ?? '')
    // Hash something even for a missing or malformed header: every refusal costs the same.
    const given = sha256(match === null ? '' : Buffer.from(match[1] ?? '', 'base64'))
    return timingSafeEqual(given, this.#expected) && match !== null
  }
}

/** `::ffff:10.0.0.5` → `10.0.0.5`; anything else unchanged (and any `%zone` removed). */
function unmapped(address: string): string {
  const bare = address.split('%')[0] ?? ''
  const lower = bare.toLowerCase()
  if (lower.startsWith('::ffff:') && isIP(bare.slice(7)) === 4) return bare.slice(7)
  return bare
}

/**
 * Client addresses allowed to talk to the server: single IPs and CIDR blocks, IPv4 and IPv6.
 * An IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, how a dual-stack socket reports an IPv4 peer)
 * is checked as the IPv4 address it carries, against IPv4 entries; a mapped entry (`::ffff:…`,
 * or a `::ffff:0:0/96`-style block) is turned into its IPv4 form the same way.
 */
export class AllowList {
  readonly #list = new BlockList()
  readonly entries: readonly string[]

  /** @throws TypeError or RangeError naming `allow` (and the entry's index). */
  constructor(entries: readonly string[]) {
    if (!Array.isArray(entries)) {
      throw new TypeError('allow must be an array of IP addresses and CIDR blocks')
    }
    if (entries.length === 0) {
      throw new RangeError('allow must list at least one address (an empty list refuses everyone)')
    }
    for (const [index, entry] of entries.entries()) this.#add(entry, `allow[${index}]`)
    this.entries = Object.freeze([...entries])
  }

  #add(entry: unknown, name: string): void {
    if (typeof entry !== 'string') {
      throw new TypeError(`${name} must be a string, got ${typeof entry}`)
    }
    const [address = '', prefixText, ...rest] = entry.trim().split('/')
    const bad = (why: string) =>
      new RangeError(`${name} ('${entry}') is not an IP address or CIDR block: ${why}`)
    if (rest.length > 0) throw bad('more than one "/"')
    if (address.includes('%')) throw bad('zone indexes (%) are not supported')
    let family = isIP(address)
    if (family === 0) throw bad('not an IPv4 or IPv6 address')
    let ip = address
    let prefix = family === 4 ? 32 : 128
    if (prefixText !== undefined) {
      if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > prefix) {
        throw bad(`the prefix must be a whole number from 0 to ${prefix}`)
      }
      prefix = Number(prefixText)
    }
    const mapped = unmapped(address)
    if (family === 6 && mapped !== address && prefix >= 96) {
      ip = mapped
      family = 4
      prefix -= 96
    }
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === (family === 4 ? 32 : 128)) this.#list.addAddress(ip, type)
    else this.#list.addSubnet(ip, prefix, type)
  }

  /** True when the peer address is on the list. An unknown address (`''`) never is. */
  allows(address: string): boolean {
    const ip = unmapped(address)
    const family = isIP(ip)
    if (family === 0) return false
    return this.#list.check(ip, family === 4 ? 'ipv4' : 'ipv6')
  }
}
