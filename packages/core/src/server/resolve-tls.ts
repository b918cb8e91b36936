import { createPrivateKey, X509Certificate } from 'node:crypto'
import { createSecureContext } from 'node:tls'
import { messageOf } from './server-error.js'
import type { TlsServerOptions } from './server-options.js'

function isPem(value: unknown): value is string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value)
}

/** True when the private key belongs to the (first) certificate. */
function fits(
  key: string | Buffer,
  cert: string | Buffer,
  passphrase: string | undefined,
): boolean {
  try {
    return new X509Certificate(cert).checkPrivateKey(createPrivateKey({ key, passphrase }))
  } catch {
    return true // something else is odd; createSecureContext had its say
  }
}

/** Checks the TLS settings by building a secure context from them, as the server will. */
export function resolveTls(tls: unknown): TlsServerOptions | null {
  if (tls === undefined) return null
  if (typeof tls !== 'object' || tls === null) {
    throw new TypeError('tls must be an object such as { key, cert }')
  }
  const { cert, pfx, SNICallback } = tls as TlsServerOptions
  if (cert === undefined && pfx === undefined && SNICallback === undefined) {
    throw new TypeError('tls must give a certificate: { key, cert }, { pfx } or an SNICallback')
  }
  try {
    createSecureContext(tls as TlsServerOptions)
  } catch (error) {
    throw new TypeError(`tls is not usable: ${messageOf(error)}`, { cause: error })
  }
  // OpenSSL only checks that a key fits its certificate when both are of one kind (RSA, EC…).
  const { key } = tls as TlsServerOptions
  if (isPem(key) && isPem(cert) && !fits(key, cert, (tls as TlsServerOptions).passphrase)) {
    throw new TypeError('tls is not usable: tls.key does not belong to tls.cert')
  }
  return { ...(tls as TlsServerOptions) }
}
