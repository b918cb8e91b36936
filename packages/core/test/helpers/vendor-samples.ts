import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The vendor's published sample posts live beside the project (CI always has them; a user's own
 * clone does not). Tests read them in place and never copy them.
 */
export const VENDOR_SAMPLES = fileURLToPath(
  new URL('../../../../../shared/viewtron-samples/', import.meta.url),
)

export const hasVendorSamples = existsSync(VENDOR_SAMPLES)

if (!hasVendorSamples) {
  console.warn(
    `\n[viewtron] Vendor samples not found at ../shared/viewtron-samples: the vendor-sample conformance tests are skipped. ` +
      `Place the samples beside the project to run them.\n`,
  )
}
