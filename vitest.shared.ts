import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

// CI asks for a JSON report per package and Node line as well, so it can list every failed test
// once more at the end of its log, where a reader looks first.
const reportDir = process.env.VIEWTRON_TEST_REPORT_DIR
const reporters = reportDir
  ? [
      'default',
      [
        'json',
        {
          outputFile: join(
            reportDir,
            `${basename(process.cwd())}-node${process.versions.node}.json`,
          ),
        },
      ] as [string, Record<string, unknown>],
    ]
  : ['default']

// Tests run against the TypeScript sources of sibling packages, so a test never
// depends on a stale build.
export default defineConfig({
  resolve: {
    alias: {
      '@viewtron/core': src('./packages/core/src/index.ts'),
      '@viewtron/helpers': src('./packages/helpers/src/index.ts'),
      '@viewtron/camera': src('./packages/camera/src/index.ts'),
      '@viewtron/mqtt': src('./packages/mqtt/src/index.ts'),
      '@viewtron/fixtures': src('./test-fixtures/src/index.ts'),
      '@viewtron/store': src('./packages/store/src/index.ts'),
      '@viewtron/monitor': src('./packages/monitor/src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
})
