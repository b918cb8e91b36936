import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The benchmarks package's folder (this module runs from its `dist/`). */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))

/** Where results, profiles and cached data sets go. */
export const RESULTS_DIR = join(PACKAGE_DIR, 'results')
