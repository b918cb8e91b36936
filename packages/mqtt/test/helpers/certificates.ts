import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A throwaway CA, a broker certificate for 127.0.0.1 and a client certificate, made by openssl. */
export function certificates(folder: string): { ca: Buffer; cert: Buffer; key: Buffer } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: folder, stdio: 'ignore' })
  writeFileSync(join(folder, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n')
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-subj',
    '/CN=viewtron-test-ca',
    '-days',
    '2',
  )
  for (const name of ['server', 'client']) {
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name === 'server' ? '127.0.0.1' : 'bridge'}`,
    )
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      ...(name === 'server' ? ['-extfile', 'san.ext'] : []),
    )
  }
  const read = (file: string) => readFileSync(join(folder, file))
  return { ca: read('ca.crt'), cert: read('client.crt'), key: read('client.key') }
}

/** Mosquitto config lines for TLS with the certificates made in `folder`, client certificates required. */
export function tlsListener(folder: string): string[] {
  return [
    `cafile ${join(folder, 'ca.crt')}`,
    `certfile ${join(folder, 'server.crt')}`,
    `keyfile ${join(folder, 'server.key')}`,
    'require_certificate true',
  ]
}
