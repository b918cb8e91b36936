import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { track } from './start-test-server.js'

/**
 * Mounts a tmpfs of `size` bytes (a real small disk that fills up) and tracks its unmount;
 * returns its path, or why it could not (not root, no mount).
 */
export function tinyDisk(size: number): { dir: string } | { skip: string } {
  if (process.getuid?.() !== 0) return { skip: 'not running as root' }
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-tiny-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    return { skip: `mount -t tmpfs failed: ${String((error as Error).message).split('\n')[0]}` }
  }
  track(dir, (d) => {
    execFileSync('umount', [d])
    rmSync(d, { recursive: true, force: true })
  })
  return { dir }
}
