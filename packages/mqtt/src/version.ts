import { readFileSync } from 'node:fs'

/**
 * This package's version, for the Home Assistant `origin` block: read from its own
 * `package.json` (one folder up from `src/` and from `dist/`), so a release never shows a stale one.
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version
