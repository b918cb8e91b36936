import { readFile } from 'node:fs/promises'

/** The parts of a V8 `.cpuprofile` this summary reads. */
interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }[]
  samples: number[]
  timeDeltas: number[]
}

/** Where time is attributed. Order matters: the first rule that matches a frame's URL wins. */
const BUCKETS: readonly { bucket: string; test: (url: string) => boolean }[] = [
  // The harness first (our consumer, or the null server's handler): its path has a `dist/server/`.
  { bucket: 'harness', test: (url) => url.includes('/benchmarks/dist/') },
  { bucket: 'splitter scan', test: (url) => url.includes('/dist/parser/body-splitter.') },
  { bucket: 'base64 decode', test: (url) => url.includes('/dist/parser/base64-decoder.') },
  { bucket: 'image store', test: (url) => url.includes('/dist/parser/image-store.') },
  { bucket: 'saxes', test: (url) => url.includes('/saxes/') },
  { bucket: 'element tree', test: (url) => url.includes('/dist/parser/element-tree.') },
  {
    bucket: 'classify/extract',
    test: (url) => url.includes('/dist/extract/') || /\/dist\/event(-image)?\.js/.test(url),
  },
  { bucket: 'body parser', test: (url) => url.includes('/dist/parser/') },
  {
    bucket: 'queue',
    test: (url) =>
      url.includes('/dist/server/subscription.') ||
      url.includes('/dist/server/event-fanout.') ||
      url.includes('/it-pushable/') ||
      url.includes('/p-defer/'),
  },
  {
    bucket: 'reply',
    test: (url) => url.includes('/dist/server/replies.') || url.includes('node:_http_outgoing'),
  },
  { bucket: 'server logic', test: (url) => url.includes('/dist/server/') },
  {
    bucket: 'socket/HTTP',
    test: (url) =>
      url.startsWith('node:') && /(_http|net|stream|internal\/(http|stream|streams))/.test(url),
  },
  { bucket: 'node other', test: (url) => url.startsWith('node:') },
]

const GC = '(garbage collector)'
const IGNORED = new Set(['(idle)', '(program)', '(root)'])

export interface ProfileBreakdown {
  /** Non-idle sampled time, µs. */
  totalUs: number
  buckets: { bucket: string; us: number }[]
  top: { name: string; where: string; us: number }[]
}

/** Our code and the SDK's dependencies: where a native or Node-internal frame's time belongs. */
function isFirstParty(url: string): boolean {
  return url.startsWith('file:')
}

/**
 * Self time per bucket. A sample whose leaf is native (`indexOf`, `toString`) or inside Node
 * (`node:buffer`) counts for the innermost SDK frame on its stack, so time spent inside
 * `Buffer.from(text, 'base64')` lands in "base64 decode" and a `Buffer.concat` in whoever called
 * it; samples with no SDK frame (the HTTP parser, socket writes) keep the leaf's bucket. Idle and
 * "(program)" are left out; GC is its own bucket.
 */
export async function summariseProfile(file: string): Promise<ProfileBreakdown> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)

  const bucketOfUrl = (url: string): string =>
    BUCKETS.find((rule) => rule.test(url))?.bucket ?? 'other'

  /** The bucket and the function name a node's self time is reported under; null to ignore. */
  const attribute = (id: number): { bucket: string; name: string; where: string } | null => {
    const leaf = byId.get(id)
    if (leaf === undefined) return null
    const { functionName, url, lineNumber } = leaf.callFrame
    if (functionName === GC) return { bucket: 'GC', name: GC, where: '' }
    if (IGNORED.has(functionName)) return null
    const label = functionName || '(anonymous)'
    const where = url === '' ? '(native)' : `${shortUrl(url)}:${lineNumber + 1}`
    if (isFirstParty(url)) return { bucket: bucketOfUrl(url), name: label, where }
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)?.callFrame
      if (frame !== undefined && isFirstParty(frame.url)) {
        const caller = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`
        return {
          bucket: bucketOfUrl(frame.url),
          name: label,
          where: `${where} ← ${caller}`,
        }
      }
    }
    if (url === '') {
      // A native frame called from Node internals: use the nearest frame with a URL.
      for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
        const frame = byId.get(up)?.callFrame
        if (frame !== undefined && frame.url !== '')
          return { bucket: bucketOfUrl(frame.url), name: label, where }
      }
      return { bucket: 'native', name: label, where }
    }
    return { bucket: bucketOfUrl(url), name: label, where }
  }

  const selfUs = new Map<number, number>()
  // timeDeltas[i] is the time before sample i; attribute it to that sample's node.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const buckets = new Map<string, number>()
  const functions = new Map<string, { name: string; where: string; us: number }>()
  let totalUs = 0
  for (const [id, us] of selfUs) {
    const found = attribute(id)
    if (found === null) continue
    totalUs += us
    buckets.set(found.bucket, (buckets.get(found.bucket) ?? 0) + us)
    const key = `${found.name} ${found.where}`
    const entry = functions.get(key) ?? { name: found.name, where: found.where, us: 0 }
    entry.us += us
    functions.set(key, entry)
  }
  return {
    totalUs,
    buckets: [...buckets].map(([bucket, us]) => ({ bucket, us })).sort((a, b) => b.us - a.us),
    top: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, 10),
  }
}

function shortUrl(url: string): string {
  const at = url.search(/[\w-]+\/dist\/|node:/)
  const module = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(.*)$/.exec(url)
  if (module !== null) return module[1]!
  return at === -1 ? url : url.slice(at)
}
