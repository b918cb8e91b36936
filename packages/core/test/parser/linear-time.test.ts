import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BodyParser, type ParseOptions, parseEvent } from '../../src/index.js'

/**
 * Parse time must grow linearly with the body. Each pattern repeats one hostile construct to a body
 * of about `n` and `8n` bytes, parsed whole and streamed in small chunks, with the limits lifted so
 * the parser does all the work. A quadratic step (a pending buffer concatenated on every chunk, a
 * string grown one character at a time, text appended to an element per section) makes 8n take
 * about 64 times as long as n; the bound below allows 32 times, plus slack for timer noise.
 */

const N = 256 * 1024
const RUNS = 5
const SLACK_MS = 60
const CHUNK = 64

const UNLIMITED: ParseOptions = {
  maxTextBytes: Number.POSITIVE_INFINITY,
  maxListItems: Number.POSITIVE_INFINITY,
  maxElements: Number.POSITIVE_INFINITY,
  maxImageBytes: Number.POSITIVE_INFINITY,
  maxBodyBytes: Number.POSITIVE_INFINITY,
  images: 'discard',
}

const OPEN = '<config version="1.7"><smartType>PEA</smartType>'
const CLOSE = '</config>'

/** `head` + `unit` repeated to about `size` bytes + `tail`. */
function build(size: number, unit: string, head = OPEN, tail = CLOSE): Buffer {
  const count = Math.max(1, Math.round(size / Buffer.byteLength(unit)))
  return Buffer.from(head + unit.repeat(count) + tail)
}

const base64Lines = randomBytes(57 * 64)
  .toString('base64')
  .replace(/.{76}/g, '$&\r\n')

/** name → body of about `size` bytes. */
const PATTERNS: [string, (size: number) => Buffer][] = [
  ['many small elements', (n) => build(n, '<a x="1">1</a>')],
  ['many comments', (n) => build(n, '<!-- c -->')],
  [
    'many CDATA sections in one element',
    (n) => build(n, '<![CDATA[ab]]>', `${OPEN}<deviceName>`, `</deviceName>${CLOSE}`),
  ],
  ['many "<" in one comment', (n) => build(n, '<', `${OPEN}<!--`, `-->${CLOSE}`)],
  ['many "<" in comments', (n) => build(n, '<!--<<<<-->')],
  ['a long run of whitespace', (n) => build(n, ' \r\n\t')],
  [
    'long text in one element',
    (n) => build(n, 'xyz ', `${OPEN}<deviceName>`, `</deviceName>${CLOSE}`),
  ],
  [
    'elements nested up to maxDepth, repeated',
    (n) => build(n, `${'<a>'.repeat(60)}${'</a>'.repeat(60)}`),
  ],
  ['a long tag name', (n) => build(n, 'a', `${OPEN}<`, `/>${CLOSE}`)],
  ['a long attribute value', (n) => build(n, 'v', `${OPEN}<a v="`, `"/>${CLOSE}`)],
  [
    'a long attribute on an image tag',
    (n) =>
      build(
        n,
        'v',
        `${OPEN}<sourceDataInfo><sourceBase64Data v="`,
        `">QUJD</sourceBase64Data></sourceDataInfo>${CLOSE}`,
      ),
  ],
  ['many attributes', (n) => build(n, ' a="1"', `${OPEN}<a`, `/>${CLOSE}`)],
  [
    'many entity references',
    (n) => build(n, '&amp;&#65;', `${OPEN}<deviceName>`, `</deviceName>${CLOSE}`),
  ],
  ['a long processing instruction', (n) => build(n, 'p', `${OPEN}<?pi `, `?>${CLOSE}`)],
  [
    'base64 with line breaks, in CDATA sections split by comments',
    (n) =>
      build(
        n,
        `<![CDATA[${base64Lines}]]><!-- -->`,
        `${OPEN}<sourceDataInfo><sourceBase64Data>`,
        `</sourceBase64Data></sourceDataInfo>${CLOSE}`,
      ),
  ],
  [
    'many image elements',
    (n) => build(n, '<sourceDataInfo><sourceBase64Data>QUJD</sourceBase64Data></sourceDataInfo>'),
  ],
]

function timeWhole(body: Buffer): number {
  const started = performance.now()
  parseEvent(body, UNLIMITED)
  return performance.now() - started
}

function timeChunked(body: Buffer): number {
  const started = performance.now()
  const parser = new BodyParser(UNLIMITED, true)
  for (let i = 0; i < body.length; i += CHUNK) parser.write(body.subarray(i, i + CHUNK))
  parser.endSync()
  return performance.now() - started
}

/**
 * The fastest of RUNS timings of each size, taken in turns: a loaded machine only ever adds time,
 * so the minimum is the least disturbed figure, and taking turns exposes both sizes to the same
 * load instead of one size to a quiet moment and the other to a busy one.
 */
function fastest(time: (body: Buffer) => number, small: Buffer, large: Buffer): [number, number] {
  let t1 = Number.POSITIVE_INFINITY
  let t8 = Number.POSITIVE_INFINITY
  for (let run = 0; run < RUNS; run++) {
    t1 = Math.min(t1, time(small))
    t8 = Math.min(t8, time(large))
  }
  return [t1, t8]
}

describe('parse time is linear in the body size', () => {
  it.each(PATTERNS)('%s', (_name, make) => {
    const small = make(N)
    const large = make(8 * N)
    for (const [mode, time] of [
      ['whole', timeWhole],
      [`${CHUNK}-byte chunks`, timeChunked],
    ] as const) {
      time(small) // warm up
      const [t1, t8] = fastest(time, small, large)
      expect(t8, `${mode}: t(n) = ${t1.toFixed(1)} ms, t(8n) = ${t8.toFixed(1)} ms`).toBeLessThan(
        8 * t1 * 4 + SLACK_MS,
      )
    }
  })

  it('every pattern is parsed to the end, not stopped early', () => {
    for (const [name, make] of PATTERNS) {
      const result = parseEvent(make(64 * 1024), UNLIMITED)
      expect(result.kind === 'event' || result.kind === 'unparsed', name).toBe(true)
      if (result.kind === 'unparsed') expect(result.reason, name).not.toBe('limit')
    }
  })
})
