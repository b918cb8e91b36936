import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BodyParser,
  type ParseOptions,
  type ParseResult,
  parseEvent,
  parseEventStream,
} from '../../src/index.js'
import { hasVendorSamples, VENDOR_SAMPLES } from '../helpers/vendor-samples.js'

/**
 * Property-based fuzzing of the parser: real bodies (our fixtures, the vendor samples read in
 * place, and a few built here) are mutated the way broken devices and attackers do — bytes
 * flipped, markup fragments and multi-byte UTF-8 inserted, slices deleted or duplicated, the body
 * truncated — then parsed whole, pushed in random chunks and streamed in random chunks. Whatever
 * the bytes: nothing throws or rejects, the result is one of the four kinds with a known reason,
 * no internal error surfaces, and every way of parsing gives the same result.
 */

const CI = Boolean(process.env.CI)
/** More runs on CI; `FUZZ_RUNS=100000` for a long local hunt. */
const RUNS = Number(process.env.FUZZ_RUNS) || (CI ? 2000 : 300)
const receivedAt = new Date(0)
const KINDS = ['event', 'keepalive', 'alarmStatus', 'unparsed']
const REASONS = [
  'not-xml',
  'parse-error',
  'unknown-smartType',
  'no-messageType',
  'too-large',
  'limit',
]

const OWN_POSTS = fileURLToPath(new URL('../../../../test-fixtures/posts/', import.meta.url))

function xmlFiles(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.sort().flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return xmlFiles(path)
    return name.endsWith('.xml') ? [path] : []
  })
}

/** Bodies built here, so the fuzzer has material even on a clone without fixtures. */
function builtBodies(): [string, Buffer][] {
  const image = randomBytes(450).toString('base64')
  const crop = randomBytes(91).toString('base64')
  return [
    [
      'built: v1 LPR, CDATA image with line breaks, multi-byte text, BOM, comments',
      Buffer.from(
        `\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- caméra → -->\n<config version="1.7" xmlns="http://www.ipc.com/ver10">` +
          `<smartType type="openAlramObj">VEHICE</smartType><currentTime type="tint64">1732045234584193</currentTime>` +
          `<deviceName><![CDATA[Café ☕]]></deviceName><listInfo type="list" count="2">` +
          `<item><targetImageData><Width>8</Width><targetBase64Data><![CDATA[${image.replace(/.{76}/g, '$&\n')}]]></targetBase64Data></targetImageData></item>` +
          `<item><plateNumber><![CDATA[ÄB→1]]></plateNumber><vehicleListType>blackList</vehicleListType>` +
          `<targetImageData><targetBase64Data>${crop}</targetBase64Data></targetImageData></item></listInfo></config>\r\n`,
      ),
    ],
    [
      'built: v2 intrusion, image split by a comment and CDATA',
      Buffer.from(
        `<?xml version="1.0"?><config version="2.0.0"><messageType>alarmData</messageType>` +
          `<deviceInfo><deviceName>NVR</deviceName><mac>58-5B-69-00-00-01</mac><channelId>3</channelId></deviceInfo>` +
          `<smartType>regionIntrusion</smartType><eventInfo><eventId>7</eventId><targetId>9</targetId></eventInfo>` +
          `<sourceDataInfo><dataType>0</dataType><width>1920</width><height>1080</height>` +
          `<sourceBase64Length>${image.length}</sourceBase64Length><sourceBase64Data>${image.slice(0, 100)}<!-- x -->` +
          `<![CDATA[${image.slice(100, 301)}]]>${image.slice(301)}</sourceBase64Data></sourceDataInfo></config>`,
      ),
    ],
    [
      'built: v2 alarm status',
      Buffer.from(
        `<config version="2.0.0"><messageType>alarmStatus</messageType><deviceInfo><deviceName>x</deviceName></deviceInfo>` +
          `<alarmStatusInfo><motionAlarm type="boolean" id="1">true</motionAlarm><perimeterAlarm id="2">false</perimeterAlarm></alarmStatusInfo></config>`,
      ),
    ],
    [
      'built: DeviceInfo keepalive',
      Buffer.from(
        '<DeviceInfo><DeviceName>cam</DeviceName><MAC>00:11</MAC><SN>abc</SN></DeviceInfo>',
      ),
    ],
  ]
}

const corpus: [string, Buffer][] = [
  ...builtBodies(),
  ...[...xmlFiles(OWN_POSTS), ...(hasVendorSamples ? xmlFiles(VENDOR_SAMPLES) : [])].map(
    (file): [string, Buffer] => [basename(file), readFileSync(file)],
  ),
]

const FRAGMENTS: (string | number[])[] = [
  '<',
  '>',
  '</x>',
  '<a>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '&',
  '&amp;',
  '&#0;',
  '&x;',
  '<?',
  '?>',
  '=',
  '"',
  "'",
  '/',
  '\0',
  '\r\n',
  '<!DOCTYPE x>',
  '<sourceBase64Data>',
  '</sourceBase64Data>',
  '==',
  'é',
  '→',
  '😀',
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xff],
  [0xc0, 0xaf],
  [0xef, 0xbb, 0xbf],
]

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS).map((f) => Buffer.from(f as string)) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b)),
  },
)

/** One edit; positions are taken modulo the current length. */
type Mutation = (body: Buffer) => Buffer

const at = (n: number, body: Buffer): number => n % (body.length + 1)

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(
    ([n, xor]): Mutation =>
      (body) => {
        if (body.length === 0) return body
        const out = Buffer.from(body)
        out[n % body.length]! ^= xor
        return out
      },
  ),
  fc.tuple(fc.nat(), fragment).map(
    ([n, bytes]): Mutation =>
      (body) => {
        const i = at(n, body)
        return Buffer.concat([body.subarray(0, i), bytes, body.subarray(i)])
      },
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 64 })).map(
    ([n, length]): Mutation =>
      (body) => {
        const i = at(n, body)
        return Buffer.concat([body.subarray(0, i), body.subarray(i + length)])
      },
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 256 }), fc.nat()).map(
    ([n, length, m]): Mutation =>
      (body) => {
        const i = at(n, body)
        const slice = body.subarray(i, i + length)
        const j = at(m, body)
        return Buffer.concat([body.subarray(0, j), slice, body.subarray(j)])
      },
  ),
  fc.nat().map(
    (n): Mutation =>
      (body) =>
        body.subarray(0, at(n, body)),
  ),
)

/** Small limits make the limit paths as likely as the rest. */
const OPTIONS: ParseOptions[] = [
  {},
  { images: 'discard' },
  { maxTextBytes: 64, maxDepth: 6, maxListItems: 4, maxElements: 60, maxImageBytes: 300 },
  { maxBodyBytes: 2000 },
]

function pieces(body: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = []
  let from = 0
  for (const cut of [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b)) {
    if (cut <= from || cut >= body.length) continue
    out.push(body.subarray(from, cut))
    from = cut
  }
  out.push(body.subarray(from))
  return out
}

async function* stream(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk
}

function expectWellFormed(result: ParseResult): void {
  expect(KINDS).toContain(result.kind)
  if (result.kind !== 'unparsed') return
  expect(REASONS).toContain(result.reason)
  expect(typeof result.detail).toBe('string')
  expect(result.detail.length).toBeGreaterThan(0)
  // An internal error is an exception the parser did not expect: always a bug.
  expect(result.detail).not.toMatch(/internal error/)
}

/**
 * Parses whole, pushed and streamed; all must agree. The one exception is by design: a body over
 * `maxBodyBytes` is refused whole at once, while a stream can only find out when it gets there
 * (an earlier failure wins) and stops reading at that point.
 */
async function check(body: Buffer, cuts: number[], options: ParseOptions): Promise<void> {
  const opts = { ...options, receivedAt }
  let whole: ParseResult | undefined
  expect(() => {
    whole = parseEvent(body, opts)
  }).not.toThrow()
  expectWellFormed(whole!)
  const json = JSON.stringify(whole)
  const tooLarge = body.length > (options.maxBodyBytes ?? Number.POSITIVE_INFINITY)
  const agree = (result: ParseResult): void => {
    expectWellFormed(result)
    if (!tooLarge) expect(JSON.stringify(result)).toBe(json)
    else expect(result.kind).toBe('unparsed')
  }
  if (tooLarge) expect(whole).toMatchObject({ kind: 'unparsed', reason: 'too-large' })

  const chunks = pieces(body, cuts)
  const pushed = new BodyParser(opts, true)
  for (const chunk of chunks) pushed.write(chunk)
  agree(pushed.endSync())

  let pending: Promise<ParseResult> | undefined
  expect(() => {
    pending = parseEventStream(stream(chunks), opts)
  }).not.toThrow()
  agree(await pending!)
}

const index = fc.integer({ min: 0, max: corpus.length - 1 })
const cuts = fc.array(fc.nat(), { maxLength: 24 })

describe('fuzzing the parser', () => {
  it('has a corpus to mutate', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(4)
  })

  it('mutated bodies: never throws or rejects, one valid result, the same whole, pushed and streamed', async () => {
    await fc.assert(
      fc.asyncProperty(
        index,
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        cuts,
        fc.constantFrom(...OPTIONS),
        async (i, edits, cutPoints, options) => {
          const body = edits.reduce((b, edit) => edit(b), corpus[i]![1])
          await check(body, cutPoints, options)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('unmutated bodies in random chunks, with every option set', async () => {
    await fc.assert(
      fc.asyncProperty(index, cuts, fc.constantFrom(...OPTIONS), async (i, cutPoints, options) => {
        await check(corpus[i]![1], cutPoints, options)
      }),
      { numRuns: Math.min(RUNS, corpus.length * 4) },
    )
  })

  it('bodies assembled from markup fragments and random bytes', async () => {
    const token = fc.oneof(
      fragment,
      fc.constantFrom('<config>', '</config>', '<smartType>PEA</smartType>', 'QUJD', ' ', 'text'),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(token, { maxLength: 40 }),
        cuts,
        fc.constantFrom(...OPTIONS),
        async (tokens, cutPoints, options) => {
          const body = Buffer.concat(
            tokens.map((t) => (typeof t === 'string' ? Buffer.from(t) : t)),
          )
          await check(body, cutPoints, options)
        },
      ),
      { numRuns: RUNS },
    )
  })

  describe('with images written to a directory', () => {
    const dirs: string[] = []
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    })

    it('leaves exactly the files of the valid images of an event, and nothing otherwise', async () => {
      await fc.assert(
        fc.asyncProperty(
          index,
          fc.array(mutation, { maxLength: 3 }),
          cuts,
          fc.boolean(),
          async (i, edits, cutPoints, streamed) => {
            const body = edits.reduce((b, edit) => edit(b), corpus[i]![1])
            const dir = mkdtempSync(join(tmpdir(), 'viewtron-fuzz-'))
            dirs.push(dir)
            const options: ParseOptions = { images: { dir }, receivedAt }
            const result = streamed
              ? await parseEventStream(stream(pieces(body, cutPoints)), options)
              : parseEvent(body, options)
            expectWellFormed(result)
            const kept =
              result.kind === 'event'
                ? result.event.images.flatMap((image) =>
                    image.path === null ? [] : [basename(image.path)],
                  )
                : []
            expect(readdirSync(dir).sort()).toEqual(kept.sort())
            if (result.kind === 'event') {
              for (const image of result.event.images) expect(image.path !== null).toBe(image.valid)
            }
          },
        ),
        { numRuns: Math.ceil(RUNS / 3) },
      )
    })
  })
})
