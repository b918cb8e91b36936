import { execFileSync } from 'node:child_process'
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hasCommand } from './has-command.js'

/** A throwaway certificate for `localhost` and `127.0.0.1`, valid for a day. */
export interface TestCertificate {
  key: string
  cert: string
  /** Which tool made it. */
  madeWith: 'openssl' | 'node'
}

const hasOpenssl = (): boolean => hasCommand('openssl', ['version'])

/**
 * Makes a self-signed certificate at test time: with the `openssl` CLI when the machine has it,
 * else with node:crypto and a minimal X.509 encoder ({@link nodeCertificate}).
 */
export function selfSignedCertificate(prefer: 'openssl' | 'node' = 'openssl'): TestCertificate {
  if (prefer === 'openssl' && hasOpenssl()) return opensslCertificate()
  return nodeCertificate()
}

function opensslCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-cert-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), madeWith: 'openssl' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// --- A minimal DER encoder: just what one self-signed certificate needs. ---

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), length(body.length), body])
}
const sequence = (...items: Buffer[]) => tlv(0x30, ...items)
const set = (...items: Buffer[]) => tlv(0x31, ...items)
const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item)
const octets = (data: Buffer) => tlv(0x04, data)
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'))
const bits = (data: Buffer) => tlv(0x03, Buffer.from([0]), data)

function integer(data: Buffer): Buffer {
  const positive = (data[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), data]) : data
  return tlv(0x02, positive)
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number)
  const out = [40 * a + b]
  for (const part of rest) {
    const groups: number[] = []
    for (let v = part; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128)
      if (v < 128) break
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)))
  }
  return tlv(0x06, Buffer.from(out))
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14)
  return tlv(0x17, Buffer.from(`${text}Z`, 'latin1'))
}

/**
 * A P-256 key and a self-signed X.509 v3 certificate built with node:crypto alone:
 * CN=localhost, subjectAltName localhost and 127.0.0.1, signed with ECDSA/SHA-256.
 */
export function nodeCertificate(): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'))
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8('localhost'))))
  const now = Date.now()
  const altNames = sequence(
    tlv(0x82, Buffer.from('localhost', 'latin1')), // dNSName
    tlv(0x87, Buffer.from([127, 0, 0, 1])), // iPAddress
  )
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(8)),
    ecdsaWithSha256,
    name,
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(sequence(oid('2.5.29.17'), octets(altNames)))),
  )
  const signature = sign('sha256', tbs, privateKey)
  const der = sequence(tbs, ecdsaWithSha256, bits(signature))
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  const cert = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
  const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })).export({
    type: 'pkcs8',
    format: 'pem',
  }) as string
  return { key, cert, madeWith: 'node' }
}
