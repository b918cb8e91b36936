import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fixtureSpecs, POSTS_DIR } from './expectations.js'

/** The fixture folders {@link writePosts} owns; stale `.xml` files in them are removed. */
export const POST_FOLDERS = ['ipc-v1', 'nvr-v2', 'quirks'] as const

/** Every fixture file's exact bytes, by path under `posts/`. Deterministic. */
export function renderFixtures(): Map<string, Buffer> {
  return new Map(fixtureSpecs.map((spec) => [spec.file, Buffer.from(spec.build(), 'utf8')]))
}

/**
 * Writes every fixture under `dir` and removes `.xml` files there that are no longer in the
 * catalogue, so the folder always matches {@link renderFixtures}.
 *
 * @returns The number of files written and the paths removed.
 */
export function writePosts(dir: string = POSTS_DIR): { written: number; removed: string[] } {
  const files = renderFixtures()
  for (const [file, bytes] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), bytes)
  }
  const removed: string[] = []
  for (const folder of POST_FOLDERS) {
    for (const name of readdirSync(join(dir, folder))) {
      const file = `${folder}/${name}`
      if (name.endsWith('.xml') && !files.has(file)) {
        rmSync(join(dir, file))
        removed.push(file)
      }
    }
  }
  return { written: files.size, removed }
}
