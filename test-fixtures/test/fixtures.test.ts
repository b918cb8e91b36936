import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import {
  type Expectation,
  fixturePath,
  fixtures,
  POST_FOLDERS,
  renderFixtures,
  TRAJECT_DESCRIPTION,
  vendorDescription,
} from '../src/index.js'
import { localName, parseXml, walk } from './helpers/parse-xml.js'

const samples = fileURLToPath(new URL('../../../shared/viewtron-samples/', import.meta.url))
const read = (file: string) => readFileSync(fixturePath(file))

/** Image data elements of a post: decoded size when valid base64 of a JPEG, else null. */
function imagesIn(body: string): { declared: number | null; bytes: number | null }[] {
  const nodes = [...walk(parseXml(body))]
  const out: { declared: number | null; bytes: number | null }[] = []
  for (const block of nodes) {
    const data = block.children.find((n) => /^(source|target)Base64Data$/.test(localName(n)))
    if (data === undefined) continue
    const length = block.children.find((n) => /^(source|target)Base64Length$/.test(localName(n)))
    const b64 = data.text.replace(/\s/g, '')
    const valid = /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length % 4 === 0
    const bytes = valid ? Buffer.from(b64, 'base64') : null
    const jpegOk =
      bytes !== null && bytes[0] === 0xff && bytes[1] === 0xd8 && jpeg.decode(bytes).width > 0
    out.push({
      declared: length === undefined ? null : Number(length.text),
      bytes: jpegOk ? bytes.length : null,
    })
  }
  return out
}

describe('fixture posts', () => {
  it('should match what write-posts produces, byte for byte, with no stale files', () => {
    const rendered = renderFixtures()
    expect(rendered.size).toBe(fixtures.length)
    for (const [file, bytes] of rendered) {
      expect(existsSync(fixturePath(file)), `${file} is missing: run write-posts`).toBe(true)
      expect(read(file).equals(bytes), `${file} differs: run write-posts`).toBe(true)
    }
    for (const folder of POST_FOLDERS) {
      for (const name of readdirSync(fixturePath(folder))) {
        expect(rendered.has(`${folder}/${name}`), `stale fixture ${folder}/${name}`).toBe(true)
      }
    }
  })

  it('should render identically twice', () => {
    const a = renderFixtures()
    const b = renderFixtures()
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes)).toBe(true)
  })

  it('should stay small', () => {
    const total = fixtures.reduce((sum, { file }) => sum + statSync(fixturePath(file)).size, 0)
    expect(total).toBeLessThan(512 * 1024)
  })

  it.skipIf(!existsSync(samples))('should never be a copy of a vendor sample', () => {
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    const ours = new Set(fixtures.map(({ file }) => hash(read(file))))
    for (const folder of readdirSync(samples)) {
      for (const name of readdirSync(samples + folder)) {
        expect(ours.has(hash(readFileSync(`${samples}${folder}/${name}`)))).toBe(false)
      }
    }
  })
})

describe('fixture expectations', () => {
  const parsed = (expect: Expectation) =>
    expect.kind !== 'unparsed' && !(expect.kind === 'keepalive' && expect.form === 'empty')

  it.each(fixtures.filter(({ expect }) => parsed(expect)))(
    '$file should be well-formed XML',
    ({ file }) => {
      const root = parseXml(read(file).toString('utf8'))
      expect(['config', 'DeviceInfo']).toContain(localName(root))
    },
  )

  it.each(
    fixtures.filter(({ expect }) => expect.kind === 'unparsed' && expect.reason === 'parse-error'),
  )('$file should be malformed or carry a DOCTYPE', ({ file }) => {
    expect(() => parseXml(read(file).toString('utf8'))).toThrow()
  })

  it.each(fixtures.filter(({ expect }) => expect.kind === 'event'))(
    '$file should hold the images its expectation counts',
    ({ file, expect: want }) => {
      if (want.kind !== 'event') return
      const images = imagesIn(read(file).toString('utf8'))
      expect(images).toHaveLength(want.imageCount)
      expect(images.filter((image) => image.bytes !== null)).toHaveLength(want.validImageCount)
      for (const image of [want.sourceImage, want.targetImage]) {
        if (image === null) continue
        const match = images.find(
          (found) =>
            found.declared === image.declaredLength && (found.bytes ?? 0) === image.byteLength,
        )
        expect(
          match,
          `${image.role} image ${image.byteLength} B, declared ${image.declaredLength}`,
        ).toBeDefined()
        expect(image.valid).toBe(image.byteLength > 0)
      }
    },
  )

  it.each(fixtures.filter(({ expect }) => expect.kind === 'event'))(
    '$file should expect the vendor description and values found in the body',
    ({ file, expect: want }) => {
      if (want.kind !== 'event') return
      const body = read(file).toString('utf8')
      const description =
        want.category === 'traject'
          ? TRAJECT_DESCRIPTION
          : vendorDescription(want.alarmType, want.source === 'nvr' ? 'nvr' : 'ipc')
      expect(want.alarmDescription).toBe(description)
      // traject posts carry no smartType; the parser names them.
      if (want.category !== 'traject') expect(body).toContain(`>${want.alarmType}<`)
      expect(body).toContain(want.rawTime)
      for (const value of [want.device.name, want.device.mac, want.device.sn]) {
        if (value !== '') expect(body).toContain(value)
      }
      if (want.time !== null) expect(new Date(want.time).toISOString()).toBe(want.time)
      if (want.category === 'lpr') expect(body).toContain(want.plateNumber)
    },
  )

  it('should cover every unparsed reason a file can produce', () => {
    const reasons = new Set(
      fixtures.flatMap(({ expect }) => (expect.kind === 'unparsed' ? [expect.reason] : [])),
    )
    expect([...reasons].sort()).toEqual([
      'limit',
      'no-messageType',
      'not-xml',
      'parse-error',
      'unknown-smartType',
    ])
  })

  it('should cover every category, source and result kind', () => {
    const kinds = new Set(fixtures.map(({ expect }) => expect.kind))
    expect([...kinds].sort()).toEqual(['alarmStatus', 'event', 'keepalive', 'unparsed'])
    const categories = new Set(
      fixtures.flatMap(({ expect }) => (expect.kind === 'event' ? [expect.category] : [])),
    )
    expect([...categories].sort()).toEqual([
      'counting',
      'face',
      'intrusion',
      'lpr',
      'metadata',
      'other',
      'traject',
    ])
  })
})
