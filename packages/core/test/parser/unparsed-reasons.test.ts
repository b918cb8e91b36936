import { describe, expect, it } from 'vitest'
import {
  type ParseResult,
  parseEvent,
  parseEventStream,
  type UnparsedReason,
} from '../../src/index.js'

function reasonOf(result: ParseResult): UnparsedReason | ParseResult['kind'] {
  return result.kind === 'unparsed' ? result.reason : result.kind
}

const PEA = (body: string): string =>
  `<config version="1.7" xmlns="http://www.ipc.com/ver10"><smartType>PEA</smartType>${body}</config>`

describe('unparsed results', () => {
  it("'not-xml' for a body that does not start with markup (pure base64)", () => {
    const result = parseEvent(Buffer.alloc(100_000, 'QUJD'))
    expect(result).toMatchObject({ kind: 'unparsed', reason: 'not-xml', bytes: 100_000 })
    if (result.kind === 'unparsed') expect(result.detail).toMatch(/does not start with "<"/)
  })

  it("'parse-error' for truncated XML, mismatched tags and a DOCTYPE", () => {
    expect(reasonOf(parseEvent('<config version="1.7"><smartType>PEA</smartType>'))).toBe(
      'parse-error',
    )
    expect(reasonOf(parseEvent('<config><a></b></config>'))).toBe('parse-error')
    expect(reasonOf(parseEvent('<!DOCTYPE config [<!ENTITY a "aaaa">]><config>&a;</config>'))).toBe(
      'parse-error',
    )
    expect(reasonOf(parseEvent('<config><smartType>&undefined;</smartType></config>'))).toBe(
      'parse-error',
    )
    expect(reasonOf(parseEvent('<!-- only a comment -->'))).toBe('parse-error')
    expect(reasonOf(parseEvent('<config><sourceBase64Data>QUJD'))).toBe('parse-error')
  })

  it("'unknown-smartType' for codes outside the protocol's tables, keeping the raw value in the detail", () => {
    const v1 = parseEvent(PEA('').replace('PEA', 'AOI_ENTRY'))
    expect(v1).toMatchObject({ kind: 'unparsed', reason: 'unknown-smartType' })
    if (v1.kind === 'unparsed') expect(v1.detail).toContain('AOI_ENTRY')
    const v2 = parseEvent(
      '<config version="2.0.0"><messageType>alarmData</messageType><smartType>regionEntrance</smartType></config>',
    )
    expect(reasonOf(v2)).toBe('unknown-smartType')
  })

  it("'no-messageType' for a config with no discriminator, an unknown messageType or another root", () => {
    expect(
      reasonOf(parseEvent('<config version="1.7"><deviceInfo><mac>x</mac></deviceInfo></config>')),
    ).toBe('no-messageType')
    expect(
      reasonOf(parseEvent('<config version="2.0.0"><messageType>hello</messageType></config>')),
    ).toBe('no-messageType')
    expect(reasonOf(parseEvent('<html><body/></html>'))).toBe('no-messageType')
  })

  it("'too-large' past maxBodyBytes, and streaming stops reading there", async () => {
    expect(reasonOf(parseEvent(PEA(''), { maxBodyBytes: 10 }))).toBe('too-large')
    let pulled = 0
    const endless = (async function* () {
      for (;;) {
        pulled++
        yield Buffer.alloc(1024, 0x20)
      }
    })()
    const result = await parseEventStream(endless, { maxBodyBytes: 10 * 1024 })
    expect(reasonOf(result)).toBe('too-large')
    expect(pulled).toBe(11)
  })

  it("'limit' for each structural limit", () => {
    const deep = `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`
    expect(reasonOf(parseEvent(deep))).toBe('limit')
    const wide = `<config>${'<item/>'.repeat(11_000)}</config>`
    expect(reasonOf(parseEvent(wide))).toBe('limit')
    const longText = PEA(`<deviceName>${'x'.repeat(300_000)}</deviceName>`)
    expect(reasonOf(parseEvent(longText))).toBe('limit')
    const manyCdata = PEA(`<deviceName>${'<![CDATA[xxxxxxxxxx]]>'.repeat(30_000)}</deviceName>`)
    expect(reasonOf(parseEvent(manyCdata))).toBe('limit')
    const elements = `<config>${'<a><b/><b/></a>'.repeat(5_000)}</config>`
    expect(reasonOf(parseEvent(elements, { maxElements: 1000 }))).toBe('limit')
    const image = PEA(
      `<sourceDataInfo><sourceBase64Data>${'QUJD'.repeat(1000)}</sourceBase64Data></sourceDataInfo>`,
    )
    expect(reasonOf(parseEvent(image, { maxImageBytes: 1000 }))).toBe('limit')
    expect(reasonOf(parseEvent(image, { maxImageBytes: 3000 }))).toBe('event')
  })

  it('rejects nonsensical options with a RangeError or TypeError naming the option', () => {
    expect(() => parseEvent('', { maxDepth: 0 })).toThrow(/maxDepth/)
    expect(() => parseEvent('', { maxTextBytes: Number.NaN })).toThrow(RangeError)
    expect(() => parseEvent('', { images: { dir: '' } })).toThrow(/images.dir/)
    expect(() => parseEvent('', { images: 'disk' as never })).toThrow(TypeError)
  })

  it('treats an empty or whitespace-only body as the empty heartbeat', () => {
    for (const body of ['', '   \r\n\t ', Buffer.from([0xef, 0xbb, 0xbf, 0x20])]) {
      const result = parseEvent(body)
      expect(result.kind).toBe('keepalive')
      if (result.kind === 'keepalive')
        expect(result.keepalive).toMatchObject({ form: 'empty', source: 'ipc' })
    }
  })

  it('resolves a failing stream as parse-error instead of rejecting', async () => {
    const broken = (async function* () {
      yield Buffer.from('<config>')
      throw new Error('socket hang up')
    })()
    const result = await parseEventStream(broken)
    expect(result).toMatchObject({ kind: 'unparsed', reason: 'parse-error' })
    if (result.kind === 'unparsed') expect(result.detail).toContain('socket hang up')
  })
})

describe('parseEventStream inputs', () => {
  it('accepts sync iterables and resolves parse-error for something that is not a body', async () => {
    const chunks = [
      Buffer.from('<config version="1.7"><smartType>'),
      Buffer.from('PEA</smartType></config>'),
    ]
    expect((await parseEventStream(chunks)).kind).toBe('event')
    expect(await parseEventStream(42 as never)).toMatchObject({
      kind: 'unparsed',
      reason: 'parse-error',
    })
  })
})
