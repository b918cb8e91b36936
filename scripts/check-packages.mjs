// Checks every publishable package as it would be published: each is packed with `pnpm pack`,
// then linted by publint (exports map, `types` conditions, files, fields) and checked by
// Are the Types Wrong (types resolve under every module resolution a consumer may use).
// Exits non-zero when any package has a problem. Run after `pnpm build`.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { packAll, ROOT } from './pack-packages.mjs'

// The packages are ESM only ("type": "module", an `import` condition and no `require` one), so
// the "esm-only" profile: it checks resolution under node16/nodenext from ESM and under bundler
// resolution, and skips CommonJS `require` resolution, which these packages do not offer by
// design (Node >= 20.19 can still require() them; the types then come from the same files).
const ATTW_PROFILE = 'esm-only'
/** The workspace's own attw, whether or not this runs through a package script. */
const ATTW = join(ROOT, 'node_modules/.bin/attw')

const packed = packAll()
let failures = 0
try {
  for (const pkg of packed.packages) {
    console.log(`\n== ${pkg.name}@${pkg.version}`)
    const tarball = readFileSync(pkg.tarball)
    // The packed package.json (workspace: ranges rewritten), as a user's install would see it.
    const { messages, pkg: manifest } = await publint({
      pack: {
        tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length),
      },
      level: 'suggestion',
      strict: true,
    })
    for (const message of messages) {
      console.log(`publint ${message.type}: ${formatMessage(message, manifest) ?? message.code}`)
    }
    if (messages.length > 0) failures++
    else console.log('publint: no issues')
    try {
      execFileSync(ATTW, [pkg.tarball, '--profile', ATTW_PROFILE, '--format', 'ascii'], {
        stdio: 'inherit',
      })
    } catch {
      failures++
    }
  }
} finally {
  packed.remove()
}
if (failures > 0) {
  console.error(`\n${failures} package check(s) failed`)
  process.exit(1)
}
console.log('\nEvery package passes publint and attw.')
