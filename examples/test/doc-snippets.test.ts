import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { ViewtronServer } from '@viewtron/core'
import {
  ipcKeepalivePost,
  ipcLprPost,
  ipcPerimeterPost,
  ipcTrajectPost,
  nvrVehiclePost,
  startFakeCamera,
} from '@viewtron/fixtures'
import { createMqttBridge, type MqttEvent, subscribeEvents } from '@viewtron/mqtt'
import { Client, request } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startBroker } from '../../packages/mqtt/test/helpers/mosquitto.js'
import { blocksOf, type DocBlock, docBlocks, ROOT } from './helpers/doc-blocks.js'

/** Code languages: checked by the compiler (and run where marked). */
const CODE = new Set(['ts', 'typescript', 'js', 'javascript'])
/** Languages that are only shown: commands, output, configuration. */
const SHOWN = new Set(['sh', 'text', 'json', 'ini', 'yaml', 'csv'])
/** Markers naming the test that runs a block: `twin` (core's readme-examples test), `example`
 * (the block is the end of that example file, which its own test runs), `store-example`
 * (the store's readme-example test) and `run` (this file). */
const MARKERS = new Set(['twin', 'example', 'store-example', 'run'])

const blocks = docBlocks()
const code = blocks.filter((block) => CODE.has(block.lang))
const where = (block: DocBlock) => `${block.page}:${block.line}`

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('the code blocks of README.md and docs/', () => {
  it('each says its language: code, or a form that is only shown', () => {
    const unknown = blocks.filter((b) => !CODE.has(b.lang) && !SHOWN.has(b.lang)).map(where)
    expect(unknown).toEqual([])
    expect(code.length).toBeGreaterThan(20)
  })

  it('every marker is one a test knows, and marks a code block', () => {
    const bad = blocks
      .filter((b) => b.marker !== null && (!MARKERS.has(b.marker.kind) || !CODE.has(b.lang)))
      .map(where)
    expect(bad).toEqual([])
  })

  it('an `example:` block is the end of its example file, as it runs', () => {
    const examples = code.filter((b) => b.marker?.kind === 'example')
    expect(examples.length).toBeGreaterThan(0)
    for (const block of examples) {
      const source = readFileSync(join(ROOT, block.marker?.name as string), 'utf8')
      expect(source.endsWith(block.source), where(block)).toBe(true)
    }
  })

  it('every `run:` block has a test below, and every test below has its block', () => {
    const named = code.filter((b) => b.marker?.kind === 'run').map((b) => b.marker?.name)
    expect([...named].sort()).toEqual(Object.keys(RUNS).sort())
  })

  it('every code block compiles against the packages (tsc --noEmit, strict)', async () => {
    // Inside the examples package, so `@viewtron/*` resolve as an application's imports do:
    // through node_modules and each package's exports map, to the built declarations.
    const dir = mkdtempSync(join(ROOT, 'examples', '.doc-snippets-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const files = code.map((block, i) => {
      const ext = block.lang.startsWith('t') ? 'ts' : 'js'
      const name = `${String(i).padStart(3, '0')}-${block.page.replace(/\W/g, '-')}-${block.line}.${ext}`
      // `export {}` keeps every block a module of its own, so names never clash across blocks.
      writeFileSync(join(dir, name), `${block.source}export {}\n`)
      return name
    })
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        compilerOptions: { noEmit: true, allowJs: true, checkJs: true },
        files,
      }),
    )
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', dir], {
      cwd: dir,
      maxBuffer: 16 * 2 ** 20,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }))
    // Name each error after the page and line it comes from.
    const report = result.stdout.replace(/^(\d{3})-\S+?\.[tj]s\((\d+),\d+\)/gm, (_, i, line) => {
      const block = code[Number(i)] as DocBlock
      return `${block.page}:${block.line + Number(line)}`
    })
    expect(report).toBe('')
  })

  it('finds blocks, languages and markers as written', () => {
    const page = ['<!-- run: a -->', '```ts', 'x', '```', '', '````sh', '```', '````'].join('\n')
    expect(blocksOf('p.md', page)).toEqual([
      { page: 'p.md', line: 2, lang: 'ts', marker: { kind: 'run', name: 'a' }, source: 'x\n' },
      { page: 'p.md', line: 6, lang: 'sh', marker: null, source: '```\n' },
    ])
  })
})

interface Run {
  /** Everything the block printed with console.log, one entry per call. */
  lines: string[]
  /** The block's working directory. */
  dir: string
  /** Posts a body to the port the block printed (`Listening on http://…:PORT`). */
  post(body: string): Promise<void>
  /** Waits until a printed line matches. */
  printed(pattern: RegExp): Promise<void>
  /** Resolves once the block's code has finished. */
  done: Promise<void>
}

interface Driver {
  /** Changes the block needs to run here: a free port instead of 5050. */
  edit?: (source: string) => string | Promise<string>
  /** Files the block reads, written to its working directory first. */
  files?: Record<string, string>
  /** Whether the block prints `Listening on …` (and so can be posted to). */
  listens: boolean
  drive(run: Run): Promise<void>
}

const freePort = (source: string) => source.replace('port: 5050', 'port: 0')
const delay = (ms: number) =>
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))
/** The block talks to a camera at 192.168.1.108; a fake camera on a free port stands in. */
async function atFakeCamera(source: string): Promise<string> {
  const camera = await startFakeCamera({ timeZone: 'CST-8' })
  cleanups.push(() => camera.close())
  const previous = process.env.CAMERA_PASSWORD
  process.env.CAMERA_PASSWORD = camera.password
  cleanups.push(() => {
    if (previous === undefined) delete process.env.CAMERA_PASSWORD
    else process.env.CAMERA_PASSWORD = previous
  })
  return source.replace("'http://192.168.1.108'", `'${camera.url}'`)
}
// Set by a driver's `edit` for its `drive`.
let brokerUrl = ''
let ingestUrl = ''

const RUNS: Record<string, Driver> = {
  'quick-start': {
    edit: freePort,
    listens: true,
    async drive({ post, printed, done }) {
      await post(ipcLprPost({ plate: 'QS123', listType: 'whiteList' }))
      await printed(/^QS123 whiteList 127\.0\.0\.1$/)
      await post(ipcPerimeterPost())
      await printed(/^intrusion /)
      process.emit('SIGINT')
      await done
    },
  },
  'for-await': {
    edit: freePort,
    listens: true,
    async drive({ lines, post, printed, done }) {
      await post(ipcPerimeterPost())
      await post(nvrVehiclePost({ plate: 'FA42', match: { groupName: 'Residents' } }))
      await printed(/^FA42 Residents 127\.0\.0\.1$/)
      process.emit('SIGTERM')
      await done
      expect(lines.slice(1)).toEqual(['FA42 Residents 127.0.0.1'])
    },
  },
  'parse-event': {
    files: { 'capture.xml': nvrVehiclePost({ plate: 'PE777' }) },
    listens: false,
    async drive({ lines, done }) {
      await done
      expect(lines[0]).toMatch(/^lpr \{"category":"lpr",/)
      expect(lines[1]).toMatch(/^PE777 source [1-9]\d* bytes, true$/)
    },
  },
  presence: {
    edit: freePort,
    listens: true,
    async drive({ lines, post, printed }) {
      await post(ipcKeepalivePost())
      await printed(/^heartbeat /)
      process.emit('SIGINT')
      // Online before the heartbeat's own callback, once.
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(/ online$/),
        expect.stringMatching(/^heartbeat \w+ 127\.0\.0\.1$/),
      ])
    },
  },
  route: {
    edit: freePort,
    listens: true,
    async drive({ lines, post, printed, done }) {
      await post(ipcLprPost({ plate: 'RT9', listType: 'whiteList' }))
      await post(ipcLprPost({ plate: 'RT10', listType: 'blackList' }))
      await post(ipcPerimeterPost())
      await printed(/^intrusion /)
      process.emit('SIGINT')
      await done
      expect(lines.slice(1)).toEqual([
        'open for RT9',
        'closed for RT10',
        expect.stringMatching(/^intrusion perimeter /),
      ])
    },
  },
  'drop-traject': {
    edit: freePort,
    listens: true,
    async drive({ lines, post, printed, done }) {
      await post(ipcTrajectPost())
      await post(ipcPerimeterPost())
      await printed(/^intrusion /)
      process.emit('SIGINT')
      await done
      expect(lines.slice(1)).toEqual([expect.stringMatching(/^intrusion /)])
    },
  },
  monitor: {
    edit: (source) => freePort(source).replace('port: 8080', 'port: 0'),
    listens: true,
    async drive({ lines, post, printed }) {
      await printed(/^Monitor on /)
      const url = (lines.find((line) => line.startsWith('Monitor on ')) as string).slice(11)
      await post(ipcLprPost({ plate: 'MON42', listType: 'whiteList' }))
      // The monitor hears of the event once its post is acknowledged: wait for it there.
      await vi.waitFor(
        async () => {
          const state = await (await fetch(new URL('/api/state', url))).text()
          if (!state.includes('MON42')) throw new Error('MON42 not on the monitor yet')
        },
        { timeout: 30_000, interval: 50 },
      )
      process.emit('SIGINT')
      await printed(/^Stopped\.$/)
    },
  },
  'camera-api': {
    edit: atFakeCamera,
    listens: false,
    async drive({ lines, done }) {
      await done
      expect(lines.at(-3)).toMatch(/^\S+ \S+ [1-9]\d* 3$/) // model, API version, APIs, groups
      expect(lines.at(-2)).toBe('true 1 1 0') // removed; the sync's one step, done; nothing kept
      expect(lines.at(-1)).toMatch(/^true [1-3] true [1-9]\d* image\/jpeg$/)
    },
  },
  'mqtt-bridge': {
    // A real Mosquitto on a free port stands in for the one on localhost:1883.
    async edit(source) {
      const broker = await startBroker()
      cleanups.push(() => broker.stop())
      brokerUrl = broker.url
      return freePort(source).replace("'mqtt://localhost:1883'", `'${broker.url}'`)
    },
    listens: true,
    async drive({ post, printed }) {
      const events = subscribeEvents({ url: brokerUrl, signal: AbortSignal.timeout(60_000) })
      cleanups.push(() => events.return?.())
      // Post until the subscriber (subscribing meanwhile) receives one: each post is answered
      // only once the broker has it.
      const first = events.next()
      let received: MqttEvent | undefined
      for (let i = 0; received === undefined; i++) {
        await post(ipcLprPost({ plate: `MQ${i}`, listType: 'whiteList', images: 'small' }))
        received = await Promise.race([first.then((r) => r.value as MqttEvent), delay(200)])
      }
      expect(received).toMatchObject({ category: 'lpr', nodeId: 'gate-house' })
      expect(received.category === 'lpr' && received.plateNumber).toMatch(/^MQ\d+$/)
      // That first event may be one whose images went out before the subscription took hold;
      // a post made once it is subscribed arrives with its pictures.
      await post(ipcLprPost({ plate: 'MQWHOLE', listType: 'whiteList', images: 'small' }))
      let whole: MqttEvent | undefined
      while (whole === undefined) {
        const next = (await events.next()).value as MqttEvent
        if (next.category === 'lpr' && next.plateNumber === 'MQWHOLE') whole = next
      }
      expect(whole.targetImage?.valid).toBe(true)
      expect(whole.sourceImage?.valid).toBe(true)
      process.emit('SIGINT')
      await printed(/^Stopped\.$/)
    },
  },
  'mqtt-worker': {
    // A broker, and an ingest node publishing to it, stand in for mqtt://broker:1883.
    async edit(source) {
      const broker = await startBroker()
      cleanups.push(() => broker.stop())
      const server = new ViewtronServer({ port: 0, host: '127.0.0.1' })
      const bridge = createMqttBridge({ url: broker.url, nodeId: 'node-a' })
      bridge.attach(server)
      cleanups.push(async () => {
        await server.shutdown()
        await bridge.close()
      })
      const { urls } = await server.listen()
      ingestUrl = `${urls[0]}/API`
      return source.replace("'mqtt://broker:1883'", `'${broker.url}'`)
    },
    listens: false,
    async drive({ lines, printed, done }) {
      // Post until the worker (subscribing meanwhile) prints one.
      for (let i = 0; !lines.some((line) => /^saved /.test(line)); i++) {
        const res = await request(ingestUrl, {
          method: 'POST',
          body: ipcLprPost({ plate: `WK${i}`, images: 'small' }),
        })
        expect(res.statusCode).toBe(200)
        await res.body.text()
        await delay(200)
      }
      await printed(/^saved WK\d+ from \S/)
      process.emit('SIGTERM')
      await done
    },
  },
  'fake-camera': {
    listens: false,
    async drive({ lines, done }) {
      await done
      expect(lines).toEqual(['add ABC123: done', 'timed out'])
    },
  },
  simulate: {
    // The block posts to a server on 127.0.0.1:5050; here one on a free port stands in.
    async edit(source) {
      const server = new ViewtronServer({ port: 0, host: '127.0.0.1' })
      cleanups.push(() => server.shutdown())
      const { port } = await server.listen()
      void (async () => {
        for await (const _ of server.events());
      })()
      return source.replace('127.0.0.1:5050', `127.0.0.1:${port}`)
    },
    listens: false,
    async drive({ lines, done }) {
      await done
      expect(lines).toHaveLength(1)
      const [, acknowledged, posts] =
        /^(\d+) of (\d+) posts acknowledged$/.exec(lines[0] ?? '') ?? []
      expect(Number(posts)).toBeGreaterThanOrEqual(20)
      expect(acknowledged).toBe(posts)
    },
  },
}

// The packages' READMEs. A block that does what a guide's block does runs under its driver.
RUNS['core-quick-start'] = RUNS['quick-start'] as Driver
RUNS['monitor-readme'] = RUNS.monitor as Driver
RUNS['mqtt-readme-bridge'] = RUNS['mqtt-bridge'] as Driver
RUNS['core-parse'] = {
  files: { 'capture.xml': nvrVehiclePost({ plate: 'CP42' }) },
  listens: false,
  async drive({ lines, done }) {
    await done
    expect(lines).toEqual([expect.stringMatching(/^lpr \{"category":"lpr",.*"CP42"/)])
  },
}
RUNS['helpers-arrivals'] = {
  edit: freePort,
  listens: true,
  async drive({ lines, post, printed, done }) {
    // A repeated read, a tracking post and an intrusion never reach the loop.
    await post(ipcLprPost({ plate: 'HA1', listType: 'whiteList' }))
    await post(ipcLprPost({ plate: 'HA1', listType: 'whiteList' }))
    await post(ipcTrajectPost())
    await post(ipcPerimeterPost())
    await post(ipcLprPost({ plate: 'HA2', listType: 'blackList' }))
    await printed(/^HA2 /)
    process.emit('SIGINT')
    await done
    expect(lines.slice(1)).toEqual(['HA1 whiteList', 'HA2 blackList'])
  },
}
RUNS['camera-readme'] = {
  edit: atFakeCamera,
  listens: false,
  async drive({ lines, done }) {
    await done
    // The sync's dry run plans the resident's add and, with prune, the visitor pass's removal.
    expect(lines).toContain('add KXT4821')
    expect(lines).toContain('remove VIS42')
    expect(lines.at(-1)).toBe('reboot the camera to apply: true')
  },
}
RUNS['fixtures-post'] = {
  listens: false,
  async drive({ lines, done }) {
    await done
    expect(lines).toEqual(['200 ABC123', 'lpr'])
  },
}
RUNS['fixtures-fake-camera'] = {
  listens: false,
  async drive({ lines, done }) {
    await done
    expect(lines).toEqual(['true'])
  },
}

describe('the documentation blocks marked `run:`, run against real servers', () => {
  for (const name of Object.keys(RUNS)) {
    it(name, async () => {
      const block = code.find((b) => b.marker?.kind === 'run' && b.marker.name === name)
      if (block === undefined) throw new Error(`no block marked run: ${name}`)
      await runBlock(block, RUNS[name] as Driver)
    })
  }
})

/** Runs one block as written (but for the driver's `edit`) in a fresh working directory. */
async function runBlock(block: DocBlock, driver: Driver): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-doc-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'code'))
  for (const [file, text] of Object.entries(driver.files ?? {}))
    writeFileSync(join(dir, file), text)
  const source = (await driver.edit?.(block.source)) ?? block.source
  expect(source === block.source || driver.edit !== undefined).toBe(true)
  const file = join(dir, 'code', 'block.ts')
  writeFileSync(file, source)
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '))
  })
  const cwd = process.cwd()
  process.chdir(dir)
  cleanups.push(() => process.chdir(cwd))
  const done = import(pathToFileURL(file).href).then(() => undefined)
  let failure: unknown = null
  done.catch((error: unknown) => {
    failure = error
  })
  // A block still running when its test fails is stopped the way a user would stop it.
  cleanups.push(async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      if (process.listenerCount(signal) > 0) process.emit(signal)
    }
    await done.catch(() => {})
  })
  const printed = async (pattern: RegExp) => {
    await vi.waitFor(
      () => {
        if (failure !== null) return
        if (!lines.some((line) => pattern.test(line))) throw new Error(`nothing printed ${pattern}`)
      },
      { timeout: 30_000, interval: 20 },
    )
    if (failure !== null) throw failure
  }
  let client: Client | null = null
  if (driver.listens) {
    await printed(/^Listening on https?:\/\/\S+:\d+$/)
    const port = /:(\d+)$/.exec(lines.find((l) => l.startsWith('Listening on')) as string)?.[1]
    client = new Client(`http://127.0.0.1:${port}`)
    cleanups.push(() => client?.destroy())
  }
  const post = async (body: string) => {
    if (client === null) throw new Error(`${where(block)} does not listen`)
    const res = await client.request({ path: '/API', method: 'POST', body })
    expect(res.statusCode).toBe(200)
    await res.body.text()
  }
  await driver.drive({ lines, dir, post, printed, done })
}
