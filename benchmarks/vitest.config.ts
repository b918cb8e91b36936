import { mergeConfig } from 'vitest/config'
import shared from '../vitest.shared.js'

// The harness tests start real server processes and load them: one file at a time, so they do
// not compete with each other for the CPU.
export default mergeConfig(shared, {
  test: { fileParallelism: false, testTimeout: 180_000 },
})
