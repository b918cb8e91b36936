import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BodyParser,
  type ParseOptions,
  type ParseResult,
  parseEvent,
  parseEventStream,
  type UnparsedReason,
  type ViewtronEvent,
} from '../../src/index.js'

/**
 * Bodies an attacker (or a broken device) might send. Each must end in a clear `unparsed` reason
 * or a sane event, never a throw, with memory and time bounded. Large bodies are generated chunk
 * by chunk and never built in memory; memory is sampled after a full GC, with generous margins.
 */

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const KB = 1024
const MB = 1024 * KB
const CHUNK = 64 * KB
const receivedAt = new Date(0)
const used = (): number => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

const OPEN = '<config version="1.7" xmlns="http://www.ipc.com/ver10"><smartType>PEA</smartType>'
const CLOSE = '</config>'
const PEA = (inner: string): string => `${OPEN}${inner}${CLOSE}`
const LPR_OPEN = '<config version="1.7"><smartType>VEHICE</smartType><listInfo><item>'
const IMAGE = (content: string, tag = 'sourceBase64Data'): string =>
  PEA(`<sourceDataInfo><width>8</width><${tag}>${content}</${tag}></sourceDataInfo>`)

function reasonOf(result: ParseResult): UnparsedReason | ParseResult['kind'] {
  return result.kind === 'unparsed' ? result.reason : result.kind
}

function eventOf(result: ParseResult): ViewtronEvent {
  if (result.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`)
  return result.event
}

/** An `unparsed` result with this reason and a detail that says something. */
function expectUnparsed(result: ParseResult, reason: UnparsedReason, detail?: RegExp): void {
  expect(result, JSON.stringify(result)).toMatchObject({ kind: 'unparsed', reason })
  if (result.kind !== 'unparsed') return
  expect(result.detail.length).toBeGreaterThan(5)
  if (detail) expect(result.detail).toMatch(detail)
}

async function* inChunks(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size)
}

/** Whole, 1-byte and 7-byte chunks all give the same result; returns it. */
async function parseAllWays(
  body: Buffer | string,
  options: ParseOptions = {},
): Promise<ParseResult> {
  const bytes = Buffer.from(body)
  const whole = parseEvent(bytes, { receivedAt, ...options })
  const json = JSON.stringify(whole)
  for (const size of [1, 7]) {
    const streamed = await parseEventStream(inChunks(bytes, size), { receivedAt, ...options })
    expect(JSON.stringify(streamed), `${size}-byte chunks`).toBe(json)
  }
  return whole
}

/** A part of a generated body: `text` repeated `times` times. */
type Part = [text: string | Buffer, times?: number]

/** Yields the body in chunks of about {@link CHUNK} bytes, building each repeated piece once. */
function* generate(parts: Part[]): Generator<Buffer> {
  for (const [text, times = 1] of parts) {
    const unit = Buffer.from(text)
    if (times === 1 || unit.length >= CHUNK) {
      for (let t = 0; t < times; t++) yield unit
      continue
    }
    const perChunk = Math.max(1, Math.floor(CHUNK / unit.length))
    const piece = Buffer.concat(Array.from({ length: perChunk }, () => unit))
    let left = times
    for (; left >= perChunk; left -= perChunk) yield piece
    if (left > 0) yield piece.subarray(0, left * unit.length)
  }
}

async function* generateAsync(parts: Part[]): AsyncGenerator<Buffer> {
  yield* generate(parts)
}

const sizeOf = (parts: Part[]): number =>
  parts.reduce((sum, [text, times = 1]) => sum + Buffer.byteLength(text) * times, 0)

interface Fed {
  result: ParseResult
  /** Peak heap + ArrayBuffer growth, after full GCs, while parsing. */
  peak: number
  ms: number
  /** Body bytes written when the parser first reported a failure. */
  failedAt: number | null
  bytes: number
}

/** Streams a generated body through the push parser, sampling memory. */
async function feed(parts: Part[], options: ParseOptions = {}): Promise<Fed> {
  gc()
  const base = used()
  let peak = 0
  const parser = new BodyParser({ receivedAt, ...options })
  let failedAt: number | null = null
  let n = 0
  const started = performance.now()
  for (const chunk of generate(parts)) {
    parser.write(chunk)
    if (failedAt === null && parser.failure !== null) failedAt = parser.bytes
    if (++n % 128 === 0) {
      gc()
      peak = Math.max(peak, used() - base)
    }
  }
  const result = await parser.end()
  const ms = performance.now() - started
  gc()
  peak = Math.max(peak, used() - base)
  return { result, peak, ms, failedAt, bytes: parser.bytes }
}

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-hostile-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const openFds = (): number | null =>
  existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null

describe('invalid UTF-8', () => {
  const bad = [
    ['a stray 0xFF', [0xff]],
    ['a lone continuation byte', [0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ] as const
  const splice = (before: string, bytes: readonly number[], after: string): Buffer =>
    Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)])

  it.each(bad)('%s inside CDATA becomes U+FFFD in a sane event', async (_name, bytes) => {
    const body = splice(`${OPEN}<deviceName><![CDATA[gate`, bytes, `]]></deviceName>${CLOSE}`)
    const e = eventOf(await parseAllWays(body))
    expect(e.device.name).toMatch(/^gate\uFFFD+$/)
  })

  it.each(bad)('%s in element names gives a sane result or a parse error', async (_name, bytes) => {
    const inChild = await parseAllWays(
      splice(`${OPEN}<device`, bytes, `Name>x</deviceName>${CLOSE}`),
    )
    // The replacement character is a legal name character, so the tags may then not match.
    expect(['event', 'parse-error']).toContain(reasonOf(inChild))
    const inRoot = await parseAllWays(
      splice('<conf', bytes, 'ig><smartType>PEA</smartType></config>'),
    )
    expect(['no-messageType', 'parse-error']).toContain(reasonOf(inRoot))
    const inSmartType = await parseAllWays(
      splice(`<config><smart`, bytes, `Type>PEA</smartType></config>`),
    )
    expect(['no-messageType', 'parse-error']).toContain(reasonOf(inSmartType))
  })

  it.each(bad)('%s in the prolog is refused', async (_name, bytes) => {
    expectUnparsed(await parseAllWays(splice('', bytes, PEA(''))), 'not-xml')
    expectUnparsed(await parseAllWays(splice('  ', bytes, PEA(''))), 'not-xml')
    const inDeclaration = await parseAllWays(
      splice('<?xml version="1.0" encoding="', bytes, `"?>${PEA('')}`),
    )
    expectUnparsed(inDeclaration, 'parse-error', /encoding/)
  })

  it('in attribute values and after the root', async () => {
    const attr = splice(
      '<config version="1.',
      [0xff, 0xfe],
      `"><smartType>PEA</smartType></config>`,
    )
    expect(eventOf(await parseAllWays(attr)).configVersion).toBe('1.\uFFFD\uFFFD')
    expectUnparsed(await parseAllWays(splice(PEA(''), [0xe2, 0x82], '')), 'parse-error')
  })

  it('a partial byte-order mark is not a heartbeat', async () => {
    expectUnparsed(await parseAllWays(Buffer.from([0xef])), 'not-xml')
    expectUnparsed(await parseAllWays(Buffer.from([0xef, 0xbb])), 'not-xml')
    expectUnparsed(await parseAllWays(Buffer.from([0xef, 0xbb, 0x20, 0x3c])), 'not-xml')
    expect(reasonOf(await parseAllWays(Buffer.from([0xef, 0xbb, 0xbf])))).toBe('keepalive')
  })
})

describe('truncated XML', () => {
  const image = randomBytes(600).toString('base64')
  const body = Buffer.from(
    `\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- café → -->\n${LPR_OPEN}` +
      `<plateNumber><![CDATA[ÄB→1]]></plateNumber><vehicleListType>whiteList</vehicleListType>` +
      `<targetImageData><Width>8</Width><targetBase64Data type="string"><![CDATA[${image.replace(/.{76}/g, '$&\n')}]]>` +
      `</targetBase64Data></targetImageData></item></listInfo></config>`,
  )

  it('the whole body is an event', () => {
    expect(eventOf(parseEvent(body)).category).toBe('lpr')
  })

  it('every proper prefix is a parse error (an empty or BOM-only one is a heartbeat)', () => {
    for (let k = 0; k < body.length; k++) {
      const result = parseEvent(body.subarray(0, k))
      if (k === 0 || k === 3) expect(reasonOf(result), `${k}`).toBe('keepalive')
      else if (k < 3) expect(reasonOf(result), `${k}`).toBe('not-xml')
      else {
        expect(reasonOf(result), `prefix of ${k} bytes`).toBe('parse-error')
        if (result.kind === 'unparsed') expect(result.detail).not.toMatch(/internal error/)
      }
    }
  })

  it('streamed in random chunks, each truncation resolves the same and leaves no image file', async () => {
    const dir = tempDir()
    const fds = openFds()
    for (let k = 5; k < body.length; k += 37) {
      const prefix = body.subarray(0, k)
      const whole = JSON.stringify(parseEvent(prefix, { receivedAt, images: { dir } }))
      const size = 1 + (k % 29)
      const streamed = await parseEventStream(inChunks(prefix, size), {
        receivedAt,
        images: { dir },
      })
      expect(JSON.stringify(streamed)).toBe(whole)
      expect(readdirSync(dir), `prefix of ${k} bytes`).toEqual([])
    }
    if (fds !== null) expect(openFds()).toBeLessThanOrEqual(fds)
  })
})

describe('DOCTYPE and entities', () => {
  it('a DOCTYPE with an internal subset is refused, wherever it is', async () => {
    const doctypes = [
      `<!DOCTYPE config [<!ELEMENT config ANY><!ATTLIST config version CDATA "9">]>${PEA('')}`,
      `<?xml version="1.0"?><!doctype config [<!ENTITY a "b">]>${PEA('&a;')}`,
      PEA('<!DOCTYPE x>'),
      `${PEA('')}<!DOCTYPE config>`,
      `<!ENTITY a "b">${PEA('')}`,
      PEA('<![INCLUDE[<a/>]]>'),
    ]
    for (const body of doctypes) {
      expectUnparsed(await parseAllWays(body), 'parse-error', /DOCTYPE|declaration/)
    }
  })

  it('a billion-laughs entity bomb is refused at once, in little time and memory', async () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('')
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><config>&lol9;</config>`
    gc()
    const base = used()
    const started = performance.now()
    expectUnparsed(await parseAllWays(bomb), 'parse-error', /DOCTYPE/)
    expect(performance.now() - started).toBeLessThan(10_000)
    gc()
    expect(used() - base).toBeLessThan(8 * MB)
  })

  it('an external entity (XXE) is refused and nothing of the file leaks into the result', async () => {
    const bodies = [
      `<?xml version="1.0"?><!DOCTYPE config [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${PEA('<deviceName>&xxe;</deviceName>')}`,
      `<!DOCTYPE config [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${PEA('')}`,
      `<!DOCTYPE config SYSTEM "http://127.0.0.1:1/evil.dtd">${PEA('')}`,
    ]
    for (const body of bodies) {
      const result = await parseAllWays(body)
      expectUnparsed(result, 'parse-error', /DOCTYPE/)
      expect(JSON.stringify(result)).not.toMatch(/root:/)
    }
  })

  it('undefined and invalid entity references are parse errors', async () => {
    for (const ref of [
      '&undefined;',
      '&lol;',
      '&#0;',
      '&#xD800;',
      '&#x110000;',
      '&#;',
      '&amp',
      '& ',
    ]) {
      expectUnparsed(await parseAllWays(PEA(`<deviceName>a${ref}b</deviceName>`)), 'parse-error')
    }
    expectUnparsed(
      await parseAllWays('<config version="&x;"><smartType>PEA</smartType></config>'),
      'parse-error',
    )
  })

  it('the predefined and numeric references decode', async () => {
    const e = eventOf(
      await parseAllWays(PEA('<deviceName>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</deviceName>')),
    )
    expect(e.device.name).toBe('&<>"\'AB')
  })
})

describe('deep nesting', () => {
  const deep = (depth: number): string => PEA(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`)

  it('10,000 levels stop at maxDepth', async () => {
    expectUnparsed(await parseAllWays(deep(10_000)), 'limit', /maxDepth/)
  })

  it('10,000 levels within a raised limit parse without overflowing the stack', async () => {
    const e = eventOf(await parseAllWays(deep(10_000), { maxDepth: 20_000 }))
    expect(e.alarmType).toBe('PEA')
  })

  it('1,000,000 levels streamed stop at maxDepth early, in flat memory', async () => {
    const parts: Part[] = [[OPEN], ['<a>', 1_000_000], ['</a>', 1_000_000], [CLOSE]]
    const fed = await feed(parts)
    expectUnparsed(fed.result, 'limit', /maxDepth/)
    expect(fed.failedAt).toBeLessThanOrEqual(CHUNK + OPEN.length)
    expect(fed.bytes).toBe(sizeOf(parts))
    expect(fed.peak).toBeLessThan(32 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })

  it('1,000,000 levels streamed with no depth or element limit still parse, iteratively', async () => {
    const parts: Part[] = [[OPEN], ['<a>', 1_000_000], ['</a>', 1_000_000], [CLOSE]]
    const fed = await feed(parts, {
      maxDepth: Number.POSITIVE_INFINITY,
      maxElements: Number.POSITIVE_INFINITY,
    })
    expect(eventOf(fed.result).alarmType).toBe('PEA')
    expect(fed.ms).toBeLessThan(20_000)
  })
})

describe('oversized text, CDATA, comments and lists', () => {
  const HUNDRED_MB = 100 * MB

  it('a 100 MB plate number stops at maxTextBytes early; the rest is only counted', async () => {
    const parts: Part[] = [
      [`${LPR_OPEN}<plateNumber>`],
      ['A', HUNDRED_MB],
      [`</plateNumber></item></listInfo></config>`],
    ]
    const fed = await feed(parts)
    expectUnparsed(fed.result, 'limit', /maxTextBytes/)
    // Stopped within the first few chunks (the limit is 256 KiB)...
    expect(fed.failedAt).toBeLessThan(512 * KB)
    // ...and the other ~100 MB were counted, not parsed: cheap in time, flat in memory.
    expect(fed.bytes).toBe(sizeOf(parts))
    expect(fed.ms).toBeLessThan(10_000)
    expect(fed.peak).toBeLessThan(32 * MB)
    // The stream API reads the whole body (it is not 'too-large' first) with the same verdict.
    const streamed = await parseEventStream(generateAsync(parts))
    expectUnparsed(streamed, 'limit', /maxTextBytes/)
    if (streamed.kind === 'unparsed') expect(streamed.bytes).toBe(sizeOf(parts))
  })

  it('a 100 MB CDATA section in a normal element stops at maxTextBytes', async () => {
    const fed = await feed([
      [`${LPR_OPEN}<plateNumber><![CDATA[`],
      ['B', HUNDRED_MB],
      [']]></plateNumber></item></listInfo></config>'],
    ])
    expectUnparsed(fed.result, 'limit', /maxTextBytes/)
    expect(fed.failedAt).toBeLessThan(512 * KB)
    expect(fed.peak).toBeLessThan(32 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })

  it('a 100 MB comment is dropped in flat memory', async () => {
    const fed = await feed(
      [[`${OPEN}<deviceName>gate</deviceName><!--`], ['<-- < ->', HUNDRED_MB / 8], [`-->${CLOSE}`]],
      { maxBodyBytes: Number.POSITIVE_INFINITY },
    )
    expect(eventOf(fed.result).device.name).toBe('gate')
    expect(fed.peak).toBeLessThan(32 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })

  it('text split by comments still counts as one run (the XML parser sees one text node)', async () => {
    const piece = `${'x'.repeat(100 * KB)}<!---->`
    const inContainer = await feed([[`${OPEN}<a/>`], [piece, 1000], [CLOSE]], {
      maxBodyBytes: Number.POSITIVE_INFINITY,
    })
    expectUnparsed(inContainer.result, 'limit', /maxTextBytes/)
    expect(inContainer.failedAt).toBeLessThan(512 * KB)
    expect(inContainer.peak).toBeLessThan(32 * MB)
    expectUnparsed(await parseAllWays(PEA(`<deviceName>${piece.repeat(3)}</deviceName>`)), 'limit')
    // Short text around comments is fine.
    const e = eventOf(await parseAllWays(PEA('<deviceName>ga<!-- x -->te</deviceName>')))
    expect(e.device.name).toBe('gate')
  })

  it('a list of a million items stops at maxListItems, in flat memory', async () => {
    const parts: Part[] = [
      [`${OPEN}<listInfo>`],
      ['<item><targetId>1</targetId></item>', 1_000_000],
      [`</listInfo>${CLOSE}`],
    ]
    const fed = await feed(parts)
    expectUnparsed(fed.result, 'limit', /maxListItems/)
    expect(fed.failedAt).toBeLessThan(1 * MB)
    expect(fed.peak).toBeLessThan(32 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })

  it('with no list limit, a million items stop at maxElements, in bounded memory', async () => {
    const fed = await feed(
      [
        [`${OPEN}<listInfo>`],
        ['<item><targetId>1</targetId></item>', 1_000_000],
        [`</listInfo>${CLOSE}`],
      ],
      { maxListItems: Number.POSITIVE_INFINITY },
    )
    expectUnparsed(fed.result, 'limit', /maxElements/)
    expect(fed.peak).toBeLessThan(96 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })

  it('a body of pure base64 is not XML, decided on the first byte', async () => {
    const base64 = randomBytes(48 * KB).toString('base64')
    const fed = await feed([[base64, Math.ceil(HUNDRED_MB / base64.length)]])
    expectUnparsed(fed.result, 'not-xml')
    expect(fed.failedAt).toBe(base64.length)
    expect(fed.peak).toBeLessThan(32 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })
})

describe('oversized markup', () => {
  it('a huge attribute value stops at maxTextBytes, on a normal or an image tag', async () => {
    for (const head of [
      `${OPEN}<deviceName type="`,
      `${OPEN}<sourceDataInfo><sourceBase64Data type="`,
    ]) {
      const fed = await feed([[head], ['v', 20 * MB], ['">QUJD</x></config>']])
      expectUnparsed(fed.result, 'limit', /maxTextBytes/)
      expect(fed.failedAt).toBeLessThan(512 * KB)
      expect(fed.peak).toBeLessThan(32 * MB)
      expectUnparsed(parseEvent(`${head}${'v'.repeat(300 * KB)}">QUJD</x></config>`), 'limit')
    }
  })

  it('a huge tag name stops at maxTextBytes, whole or streamed', async () => {
    const fed = await feed([[`${OPEN}<`], ['n', 20 * MB], ['/>', 1], [CLOSE]])
    expectUnparsed(fed.result, 'limit', /maxTextBytes/)
    expect(fed.failedAt).toBeLessThan(512 * KB)
    expect(fed.peak).toBeLessThan(32 * MB)
    expectUnparsed(parseEvent(PEA(`<${'n'.repeat(300 * KB)}/>`)), 'limit')
    expectUnparsed(parseEvent(PEA(`<sourceBase64Data${' '.repeat(300 * KB)}>`)), 'limit')
  })

  it('a long tag or attribute trickled in tiny chunks costs linear time', () => {
    // Rescanning the undecided tag for every chunk once took seconds here, and grew quadratically.
    for (const head of [`${OPEN}<`, `${OPEN}<sourceBase64Data a="`]) {
      const parser = new BodyParser({ receivedAt }, true)
      const started = performance.now()
      parser.write(head)
      const byte = Buffer.from('a')
      for (let i = 0; i < 300 * KB; i++) parser.write(byte)
      expectUnparsed(parser.endSync(), 'limit', /maxTextBytes/)
      expect(performance.now() - started).toBeLessThan(10_000)
    }
  })

  it('millions of attributes stop at maxTextBytes (the tag is one run)', async () => {
    const fed = await feed([
      ['<config version="1.7"'],
      [' a=""', 2_000_000],
      [`><smartType>PEA</smartType>${CLOSE}`],
    ])
    expectUnparsed(fed.result, 'limit', /maxTextBytes/)
    expect(fed.failedAt).toBeLessThan(512 * KB)
    expect(fed.peak).toBeLessThan(32 * MB)
  })

  it('with the run limit lifted, a million distinct attributes parse in bounded time', () => {
    const attrs = Array.from({ length: 1_000_000 }, (_, i) => ` a${i}=""`).join('')
    const started = performance.now()
    const result = parseEvent(`<config version="1.7"${attrs}><smartType>PEA</smartType></config>`, {
      maxTextBytes: Number.POSITIVE_INFINITY,
    })
    expect(eventOf(result).configVersion).toBe('1.7')
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('duplicate and prototype-named attributes neither crash nor pollute', async () => {
    expectUnparsed(
      await parseAllWays('<config a="1" a="2"><smartType>PEA</smartType></config>'),
      'parse-error',
      /duplicate/,
    )
    const e = eventOf(
      await parseAllWays(
        '<config __proto__="x" constructor="y" version="1.7"><smartType>PEA</smartType></config>',
      ),
    )
    expect(e.configVersion).toBe('1.7')
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})

describe('stray markup characters and bytes', () => {
  it('a body of only "<" is a parse error, or a limit once it is long', async () => {
    expectUnparsed(await parseAllWays('<'.repeat(1000)), 'parse-error')
    const fed = await feed([['<', 10 * MB]])
    expectUnparsed(fed.result, 'limit')
    expect(fed.failedAt).toBeLessThan(512 * KB)
    expect(fed.peak).toBeLessThan(32 * MB)
  })

  it('a body of only "]]>" or "-->" is not XML; inside the root "]]>" is a parse error', async () => {
    expectUnparsed(await parseAllWays(']]>'.repeat(1000)), 'not-xml')
    expectUnparsed(await parseAllWays('-->'.repeat(1000)), 'not-xml')
    expectUnparsed(
      await parseAllWays(PEA(`<deviceName>${']]>'.repeat(10)}</deviceName>`)),
      'parse-error',
    )
    expect(eventOf(await parseAllWays(PEA('<deviceName>--></deviceName>'))).device.name).toBe('-->')
  })

  it('null bytes are refused wherever the XML parser would see them', async () => {
    expectUnparsed(await parseAllWays(Buffer.alloc(1000)), 'not-xml')
    for (const body of [
      PEA('<deviceName>a\0b</deviceName>'),
      PEA('<device\0Name>a</device\0Name>'),
      '<config version="1\0"><smartType>PEA</smartType></config>',
      PEA('<deviceName><![CDATA[a\0b]]></deviceName>'),
      PEA('<?pi \0?>'),
      `${PEA('')}\0`,
    ]) {
      expectUnparsed(await parseAllWays(body), 'parse-error')
    }
    // Comments are dropped before the XML parser, so a NUL there is harmless.
    expect(reasonOf(await parseAllWays(PEA('<!-- \0 -->')))).toBe('event')
  })

  it('a second root element or text after the root is a parse error; comments and space are not', async () => {
    expectUnparsed(await parseAllWays(`${PEA('')}<config/>`), 'parse-error', /root/)
    expectUnparsed(await parseAllWays(`${PEA('')}${PEA('')}`), 'parse-error', /root/)
    expectUnparsed(await parseAllWays(`${PEA('')}trailing`), 'parse-error', /root/)
    expect(reasonOf(await parseAllWays(`${PEA('')}\r\n<!-- end -->\n<?pi x?>  `))).toBe('event')
  })

  it('errors are reported in document order whatever the chunking', async () => {
    const body = Buffer.from(
      `<config version="1.7"><a></b><!DOCTYPE x>${'t'.repeat(300 * KB)}</config>`,
    )
    const result = await parseAllWays(body)
    expectUnparsed(result, 'parse-error', /close tag/)
    for (const size of [13, 4096, 64 * KB]) {
      expect(JSON.stringify(await parseEventStream(inChunks(body, size), { receivedAt }))).toBe(
        JSON.stringify(result),
      )
    }
  })
})

describe('hostile image elements', () => {
  const good = randomBytes(400)

  it('an image element holding markup gives an invalid image and a sane event', async () => {
    for (const content of [
      `QUJD<b>x</b>QUJD`,
      `<![CDATA[QUJD]]><b/>`,
      `QUJD<?pi x?>QUJD`,
      `<sourceBase64Data>QUJD</sourceBase64Data>`,
    ]) {
      const e = eventOf(await parseAllWays(IMAGE(content)))
      expect(e.alarmType).toBe('PEA')
      expect(e.images[0]).toMatchObject({
        valid: false,
        byteLength: 0,
        error: expect.stringMatching(/markup/),
      })
    }
  })

  it('a nested image element leaves no file or descriptor behind, only the valid image', async () => {
    const body = IMAGE(`QUJDQUJD<sourceBase64Data>${good.toString('base64')}</sourceBase64Data>`)
    for (const stream of [false, true]) {
      const dir = tempDir()
      const fds = openFds()
      const result = stream
        ? await parseEventStream(inChunks(Buffer.from(body), 5), { images: { dir } })
        : parseEvent(body, { images: { dir } })
      const e = eventOf(result)
      expect(e.images.map((image) => image.valid)).toEqual([false, true])
      expect(e.images[0]!.path).toBeNull()
      expect(readdirSync(dir)).toEqual([e.images[1]!.path!.split('/').at(-1)])
      if (fds !== null) expect(openFds()).toBe(fds)
    }
  })

  it("50 MB of base64 with images: 'discard' is decoded in flat memory", async () => {
    const unit = randomBytes(48 * KB)
    const times = Math.ceil((50 * MB) / (unit.length * (4 / 3)))
    const fed = await feed(
      [
        [`${OPEN}<sourceDataInfo><sourceBase64Data><![CDATA[`],
        [unit.toString('base64'), times],
        [`]]></sourceBase64Data></sourceDataInfo>${CLOSE}`],
      ],
      { images: 'discard', maxImageBytes: 64 * MB },
    )
    const image = eventOf(fed.result).sourceImage
    expect(image).toMatchObject({ valid: true, byteLength: unit.length * times, path: null })
    expect(image?.bytes()).toBeNull()
    expect(fed.peak).toBeLessThan(32 * MB)
    expect(fed.ms).toBeLessThan(10_000)
  })

  it('NUL, control and non-ASCII bytes inside image base64 make only that image invalid', async () => {
    const text = good.toString('base64')
    for (const stray of ['\0', '\x01', '\x7f', '\f', '\v', '\u00e9', '&#65;', '-', '_']) {
      for (const wrap of [(t: string) => t, (t: string) => `<![CDATA[${t}]]>`]) {
        const content = wrap(`${text.slice(0, 200)}${stray}${text.slice(200)}`)
        // Image text never reaches the XML parser, so even characters XML forbids only spoil the image.
        const e = eventOf(await parseAllWays(IMAGE(content)))
        expect(e.images[0]).toMatchObject({ valid: false, byteLength: 0 })
        expect(e.images[0]!.error).toMatch(/not base64/)
      }
    }
  })

  it('valid base64 is accepted with trailing whitespace and "==" split across chunks', async () => {
    for (const length of [300, 301, 302]) {
      const bytes = good.subarray(0, length)
      const text = bytes.toString('base64')
      for (const content of [
        `${text}\n`,
        `${text}\r\n`,
        `\n<![CDATA[${text}]]>\n`,
        `${text} <!-- trailing -->`,
        text.replace(/.{76}/g, '$&\r\n'),
      ]) {
        const e = eventOf(await parseAllWays(IMAGE(content)))
        expect(e.images[0], JSON.stringify(content.slice(-12))).toMatchObject({
          valid: true,
          byteLength: length,
        })
        expect(e.getSourceImageBytes()?.equals(bytes)).toBe(true)
      }
    }
  })

  it('bad padding is refused the same way however it is split', async () => {
    for (const content of ['QQ==QUJD', 'QUJDQ=QQ', 'Q===', 'QQ=\nA', 'QUJD\n=', 'QQ==\n==']) {
      const e = eventOf(await parseAllWays(IMAGE(content)))
      expect(e.images[0], content).toMatchObject({ valid: false, byteLength: 0 })
    }
  })
})
