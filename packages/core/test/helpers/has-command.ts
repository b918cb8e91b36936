import { execFileSync } from 'node:child_process'

/** True when `command args` runs and exits 0 (the tool is installed and usable). */
export function hasCommand(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
