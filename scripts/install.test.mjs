// The packed-tarball install test: every publishable package is packed with `pnpm pack`, the
// tarballs are installed with plain npm into an empty project outside the repository (their
// dependencies come from the npm registry, never from the workspace), and a small program
// there imports each package and uses it. Run after `pnpm build`: `pnpm test:install`.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, test } from 'node:test'
import { packAll } from './pack-packages.mjs'

let packed
let project

/**
 * The environment npm runs in: the caller's, without what pnpm passes to a script it runs
 * (npm_config_*, npm_package_*, npm_lifecycle_*), which would change how npm installs. Native
 * addons (better-sqlite3) build from source against the running Node's own headers, as
 * `.ci/run` sets up, so nothing but registry packages is downloaded.
 */
function npmEnv() {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) || /^npm_config_(nodedir|registry|cache)$/i.test(key)) env[key] = value
  }
  const nodePrefix = dirname(dirname(process.execPath))
  if (env.npm_config_nodedir === undefined && existsSync(join(nodePrefix, 'include/node/node.h'))) {
    env.npm_config_nodedir = nodePrefix
  }
  env.npm_config_build_from_source = 'true'
  env.npm_config_audit = 'false'
  env.npm_config_fund = 'false'
  env.npm_config_update_notifier = 'false'
  return env
}

function run(command, args) {
  return execFileSync(command, args, {
    cwd: project,
    env: npmEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

before(() => {
  packed = packAll()
  project = mkdtempSync(join(tmpdir(), 'viewtron-install-'))
  const names = packed.packages.map((pkg) => pkg.name)
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'viewtron-install-check',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(
        packed.packages.map((pkg) => [pkg.name, `file:${pkg.tarball}`]),
      ),
      // The packages depend on each other by version range (^0.1.0): these make npm take the
      // tarballs for them too, rather than whatever the registry holds under those names.
      overrides: Object.fromEntries(names.map((name) => [name, `$${name}`])),
      // npm 11 runs a dependency's install script only when allowed; better-sqlite3 compiles
      // its addon in it (npm 10 ignores the field and runs it anyway).
      allowScripts: { 'better-sqlite3': true },
    }),
  )
  copyFileSync(
    join(import.meta.dirname, 'install-check/consumer.mjs'),
    join(project, 'consumer.mjs'),
  )
  run('npm', ['install', '--no-package-lock'])
})

after(() => {
  packed?.remove()
  if (project !== undefined) rmSync(project, { recursive: true, force: true })
})

test('a program using every package runs from the installed tarballs', () => {
  const result = JSON.parse(run('node', ['consumer.mjs']).trim().split('\n').at(-1))
  assert.deepEqual(result, {
    status: 200,
    category: 'lpr',
    plate: 'PKG123',
    topic: 'viewtron/cam1/lpr/event',
    eventType: 'access',
    stored: 'PKG123',
    simulated: { posts: true, failed: 0 },
    model: 'LPR-IP4',
    monitor: '200 text/html; charset=utf-8',
  })
})

test('npx viewtron --version prints the CLI version', () => {
  const cli = packed.packages.find((pkg) => pkg.name === '@viewtron/cli')
  assert.equal(run('npx', ['--no-install', 'viewtron', '--version']).trim(), cli.version)
})

test('the installed packages are the packed ones, not the workspace', () => {
  const resolved = run('node', [
    '--input-type=module',
    '-e',
    "console.log(import.meta.resolve('@viewtron/core'), import.meta.resolve('@viewtron/store'))",
  ])
  for (const url of resolved.trim().split(' '))
    assert.ok(url.startsWith(`file://${project}/node_modules/`), url)
})
