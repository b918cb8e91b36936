import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Mounts a tmpfs of `bytes`; returns its path and how to unmount it, or why it could not (not
 * root, no mount).
 */
export function tinyDisk(bytes: number): { dir: string; remove: () => void } | { skip: string } {
  if (process.getuid?.() !== 0) return { skip: 'not running as root' }
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-store-full-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    return { skip: `mount -t tmpfs failed: ${String((error as Error).message).split('\n')[0]}` }
  }
  return {
    dir,
    remove: () => {
      execFileSync('umount', [dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
