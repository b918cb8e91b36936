import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { track } from './teardown.js'

/** A fresh empty folder, removed by `teardown()`. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-cli-'))
  return track(dir, (path) => rmSync(path, { recursive: true, force: true }))
}
