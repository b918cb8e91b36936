import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseEvent, parseEventStream } from '../../src/index.js'
import { chunked } from '../helpers/chunked.js'
import { hasVendorSamples, VENDOR_SAMPLES } from '../helpers/vendor-samples.js'

const OWN_POSTS = fileURLToPath(new URL('../../../../test-fixtures/posts/', import.meta.url))

function xmlFiles(dir: string): string[] {
  let out: string[] = []
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return out
  }
  for (const name of names.sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out = out.concat(xmlFiles(path))
    else if (name.endsWith('.xml')) out.push(path)
  }
  return out
}

/** Bodies built to put awkward bytes at every kind of boundary. */
function syntheticBodies(): [string, Buffer][] {
  const image = randomBytes(3000).toString('base64')
  const lines = image.replace(/.{76}/g, '$&\n')
  return [
    [
      'v1 lpr, CDATA image with line breaks, multi-byte text',
      Buffer.from(
        `\ufeff<?xml version="1.0" ?><!-- caméra — → --><config version="1.7"><smartType>VEHICE</smartType>` +
          `<deviceName><![CDATA[Café ☕ gate]]></deviceName><listInfo><item><plateNumber><![CDATA[ÄB→1]]></plateNumber>` +
          `<targetImageData><Width>150</Width><targetBase64Data type="string"><![CDATA[${lines}]]></targetBase64Data>` +
          `</targetImageData></item></listInfo></config><!-- trailing ü -->`,
      ),
    ],
    [
      'v2 intrusion, plain base64 split by a comment and CDATA',
      Buffer.from(
        `<config version="2.0.0"><messageType>alarmData</messageType><smartType>regionIntrusion</smartType>` +
          `<sourceDataInfo><sourceBase64Data>${image.slice(0, 999)}<!-- x --><![CDATA[${image.slice(999, 2001)}]]>` +
          `${image.slice(2001)}</sourceBase64Data></sourceDataInfo></config>`,
      ),
    ],
    [
      'invalid UTF-8 in a name',
      Buffer.concat([
        Buffer.from('<config><smartType>PEA</smartType><deviceName>'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('</deviceName></config>'),
      ]),
    ],
    [
      'truncated inside image data',
      Buffer.from(`<config><smartType>PEA</smartType><sourceDataInfo><sourceBase64Data>${image}`),
    ],
    [
      'broken base64 in CDATA',
      Buffer.from(
        `<config><smartType>VFD</smartType><sourceDataInfo><sourceBase64Data><![CDATA[${image.slice(0, 100)}!!${image.slice(100)}]]></sourceBase64Data></sourceDataInfo></config>`,
      ),
    ],
  ]
}

function corpus(): [string, Buffer][] {
  const files = [...xmlFiles(OWN_POSTS), ...(hasVendorSamples ? xmlFiles(VENDOR_SAMPLES) : [])]
  return [
    ...syntheticBodies(),
    ...files.map((file): [string, Buffer] => [file, readFileSync(file)]),
  ]
}

const receivedAt = new Date(0)
const render = (value: unknown): string => JSON.stringify(value)

describe('chunking equivalence', () => {
  const bodies = corpus()

  it('covers our own fixtures and the synthetic boundary cases', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(5)
  })

  it.each(bodies)('%s: 1-byte chunks give the whole-body result', async (_name, body) => {
    const whole = render(parseEvent(body, { receivedAt }))
    const cuts = Array.from({ length: body.length }, (_, i) => i)
    expect(render(await parseEventStream(chunked(body, cuts), { receivedAt }))).toBe(whole)
  })

  it('random chunk sizes give the whole-body result (property)', async () => {
    const wholes = bodies.map(([, body]) => render(parseEvent(body, { receivedAt })))
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bodies.length - 1 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (index, raw) => {
          const body = bodies[index]![1]
          const cuts = raw.map((n) => n % (body.length + 1))
          const streamed = render(await parseEventStream(chunked(body, cuts), { receivedAt }))
          expect(streamed).toBe(wholes[index])
        },
      ),
      { numRuns: 300 },
    )
  })
})
