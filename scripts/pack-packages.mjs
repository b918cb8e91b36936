// Packs every publishable workspace package with `pnpm pack`, exactly as `pnpm publish` would
// (workspace: ranges rewritten to the versions being published), so the checks and the install
// test see what a user would download rather than the workspace's folders.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository's root folder. */
export const ROOT = resolve(import.meta.dirname, '..')

/** The workspace folders that may hold published packages (examples and benchmarks are private). */
const PACKAGE_PARENTS = ['packages']
const SINGLE_PACKAGES = ['test-fixtures']

/**
 * Every workspace package not marked `private`, as `{ name, version, dir }`, in a stable order.
 * @returns {{ name: string, version: string, dir: string }[]}
 */
export function publishablePackages() {
  const dirs = [
    ...PACKAGE_PARENTS.flatMap((parent) =>
      readdirSync(join(ROOT, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(ROOT, parent, entry.name)),
    ),
    ...SINGLE_PACKAGES.map((dir) => join(ROOT, dir)),
  ]
  return dirs
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Packs every publishable package into a new temporary folder. The packages must be built
 * (`pnpm build`) first: the tarballs hold `dist/`. Call `remove()` when done.
 * @returns {{ dir: string, packages: { name: string, version: string, dir: string, tarball: string }[], remove: () => void }}
 */
export function packAll() {
  const out = mkdtempSync(join(tmpdir(), 'viewtron-pack-'))
  try {
    const packages = publishablePackages().map((pkg) => {
      const before = new Set(readdirSync(out))
      execFileSync('pnpm', ['pack', '--pack-destination', out], {
        cwd: pkg.dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      const created = readdirSync(out).filter((file) => !before.has(file))
      if (created.length !== 1)
        throw new Error(`pnpm pack of ${pkg.name} made ${created.length} files`)
      return { ...pkg, tarball: join(out, created[0]) }
    })
    return { dir: out, packages, remove: () => rmSync(out, { recursive: true, force: true }) }
  } catch (error) {
    rmSync(out, { recursive: true, force: true })
    throw error
  }
}
