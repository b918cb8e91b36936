// Copies the monitor page built by @viewtron/monitor into dist/monitor-web, so the published
// CLI carries the page itself.
import { cpSync, existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const monitor = dirname(require.resolve('@viewtron/monitor/package.json'))
const from = join(monitor, 'dist', 'web')
const to = fileURLToPath(new URL('../dist/monitor-web', import.meta.url))
if (!existsSync(join(from, 'index.html'))) {
  console.error(`the monitor page is not built (${from}); build @viewtron/monitor first`)
  process.exit(1)
}
rmSync(to, { recursive: true, force: true })
cpSync(from, to, { recursive: true })
