import { fileURLToPath } from 'node:url'
import { mergeConfig } from 'vitest/config'
import shared from '../vitest.shared.js'

// The smoke tests drive the simulator in-process from the CLI's sources, like the other packages'
// tests use their siblings' sources. The examples themselves run as built JavaScript.
export default mergeConfig(shared, {
  resolve: {
    alias: {
      '@viewtron/cli': fileURLToPath(new URL('../packages/cli/src/index.ts', import.meta.url)),
    },
  },
})
