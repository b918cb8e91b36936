import { readFileSync } from 'node:fs'

/**
 * The help text of `viewtron` (`'viewtron'`) or of one command (`'serve'`, …). Help texts are
 * plain files under `help/`, shipped with the package, so they read the same in the terminal and
 * in the repository.
 */
export function helpText(name: string): string {
  return readFileSync(new URL(`../help/${name}.txt`, import.meta.url), 'utf8')
}
