import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Client } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SUCCESS_REPLY } from '../../src/index.js'
import {
  ipcLpr,
  nvrIntrusion,
  nvrKeepalive,
  TINY_JPEG,
  TINY_JPEG_BASE64,
  traject,
} from '../helpers/bodies.js'
import { teardown, track, waitFor } from '../helpers/start-test-server.js'

afterEach(() => {
  vi.restoreAllMocks()
  return teardown()
})

// The examples live in the guides (docs/receiving-events.md, docs/images.md); any page may hold one.
const ROOT = new URL('../../../../', import.meta.url)
const PAGES = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]
const DOCS = PAGES.map((page) => readFileSync(new URL(page, ROOT), 'utf8')).join('\n')
const TWINS = [...DOCS.matchAll(/<!-- twin: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g)].map(
  (match) => ({ name: match[1] as string, source: `${match[2]}\n` }),
)

interface Run {
  lines: string[]
  post(body: string): Promise<void>
  /** Waits for a printed line matching `pattern`. */
  printed(pattern: RegExp): Promise<void>
  /** The folder the example runs in (its working directory). */
  dir: string
}

/**
 * Runs one documented example as written, except that it listens on a free port: the code block is
 * written to a file in a temporary folder (its working directory) and imported. Its port is read
 * from what it prints; `drive` talks to it and must end it the way a user would (a signal).
 */
async function runTwin(name: string, drive: (run: Run) => Promise<void>): Promise<void> {
  const twin = TWINS.find((t) => t.name === name)
  if (twin === undefined) throw new Error(`no twin ${name} in README.md or docs/`)
  expect(twin.source).toContain('port: 5050')
  const dir = track(mkdtempSync(join(tmpdir(), `viewtron-twin-${name}-`)), (d) =>
    rmSync(d, { recursive: true, force: true }),
  )
  const file = join(dir, `${name}.ts`)
  writeFileSync(file, twin.source.replace('port: 5050', 'port: 0'))
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '))
  })
  const cwd = process.cwd()
  process.chdir(dir)
  track(cwd, (previous) => process.chdir(previous))
  let failure: unknown = null
  const running = import(pathToFileURL(file).href).catch((error: unknown) => {
    failure = error
  })
  // If a test fails half way, stop the example the way a user would.
  track(running, async (done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      if (process.listenerCount(signal) > 0) process.emit(signal)
    }
    await done
  })
  const printed = async (pattern: RegExp) => {
    await waitFor(() => failure !== null || lines.some((line) => pattern.test(line)), `${pattern}`)
    if (failure !== null) throw failure
  }
  await printed(/(Listening on http:\/\/\S+:|on port )\d+$/)
  const portLine = lines.find((line) => /(Listening on http:\/\/\S+:|on port )\d+$/.test(line))
  const port = Number(/(\d+)$/.exec(portLine as string)?.[1])
  const client = track(new Client(`http://127.0.0.1:${port}`), (c) => c.destroy())
  const post = async (body: string) => {
    const res = await client.request({ path: '/API', method: 'POST', body })
    expect(await res.body.text()).toBe(SUCCESS_REPLY)
  }
  await drive({ lines, post, printed, dir })
  await running
  if (failure !== null) throw failure
}

describe('the documented examples (README.md, docs/), run against a real server', () => {
  it('covers every example marked as a twin', () => {
    expect(TWINS.map((t) => t.name).sort()).toEqual(
      [
        'background',
        'handle-event',
        'images-dir',
        'on-connect',
        'on-raw',
        'routing',
        'saving-images',
      ].sort(),
    )
  })

  it('handle-event: prints every event, and plate details for LPR', async () => {
    await runTwin('handle-event', async ({ lines, post }) => {
      expect(lines).toContain('Viewtron Event Server')
      await post(ipcLpr({ plate: 'KX42', list: 'blackList' }))
      await post(nvrIntrusion())
      process.emit('SIGINT')
      await new Promise((resolve) => setImmediate(resolve))
      expect(lines).toEqual(
        expect.arrayContaining([
          '[lpr] VEHICE from 127.0.0.1',
          '  Plate: KX42',
          '  Group: blackList',
          '[intrusion] regionIntrusion from 127.0.0.1',
        ]),
      )
    })
  })

  it('on-connect: announces a camera once, on its first heartbeat', async () => {
    await runTwin('on-connect', async ({ lines, post, printed }) => {
      await post('')
      await post(nvrKeepalive())
      await post(ipcLpr())
      await printed(/^License Plate Detection from/)
      process.emit('SIGINT')
      expect(lines.filter((line) => line.startsWith('Camera connected'))).toEqual([
        'Camera connected: 127.0.0.1',
      ])
      expect(lines).toContain('License Plate Detection from 127.0.0.1')
    })
  })

  it('on-raw: logs bodies before parsing, never traject', async () => {
    await runTwin('on-raw', async ({ lines, post, printed }) => {
      const body = ipcLpr()
      await post(traject())
      await post(body)
      await printed(/^--- 127\.0\.0\.1/)
      process.emit('SIGINT')
      expect(lines.filter((line) => line.startsWith('---'))).toEqual([
        `--- 127.0.0.1: ${Buffer.byteLength(body)} bytes`,
      ])
      expect(lines).toContain(body.slice(0, 120))
    })
  })

  it('background: consumes events beside the rest of the program and ends on SIGTERM', async () => {
    await runTwin('background', async ({ lines, post, printed }) => {
      await post(ipcLpr())
      await post(nvrIntrusion())
      await printed(/^intrusion from 127\.0\.0\.1$/)
      expect(lines).toContain('lpr from 127.0.0.1')
      process.emit('SIGTERM')
      await printed(/^Done\.$/)
    })
  })

  it('routing: each category reaches its own branch with its own fields', async () => {
    await runTwin('routing', async ({ lines, post, printed }) => {
      await post(traject())
      await post(ipcLpr({ plate: 'RT1', list: 'whiteList' }))
      await post(nvrIntrusion())
      await printed(/^Intrusion/)
      process.emit('SIGINT')
      expect(lines.slice(1)).toEqual(['Plate RT1 (whiteList)', 'Intrusion (perimeter): person'])
    })
  })

  it('saving-images: writes the decoded JPEG bytes to files', async () => {
    await runTwin('saving-images', async ({ post, printed, dir }) => {
      await post(ipcLpr({ crop: TINY_JPEG_BASE64 }))
      await printed(/^Saved images of a lpr event$/)
      process.emit('SIGINT')
      const files = readdirSync(join(dir, 'captures'))
      expect(files).toHaveLength(1)
      expect(files[0]).toMatch(/-lpr-target\.jpg$/)
      expect(readFileSync(join(dir, 'captures', files[0] as string))).toEqual(TINY_JPEG)
    })
  })

  it('images-dir: streams images to files and reports their paths', async () => {
    await runTwin('images-dir', async ({ lines, post, printed, dir }) => {
      await post(ipcLpr({ crop: TINY_JPEG_BASE64 }))
      await printed(/^lpr target image: /)
      process.emit('SIGINT')
      const path = (lines.find((line) => line.startsWith('lpr target')) as string).split(': ')[1]
      expect(path).toMatch(/^captures\//)
      expect(existsSync(join(dir, path as string))).toBe(true)
      expect(readFileSync(join(dir, path as string))).toEqual(TINY_JPEG)
    })
  })
})
