import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeJpeg } from '@viewtron/fixtures'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type ParseResult,
  parseEvent,
  parseEventStream,
  type ViewtronEvent,
} from '../../src/index.js'

const overview = makeJpeg({ width: 320, height: 180, seed: 1 })
const crop = makeJpeg({ width: 64, height: 96, seed: 2 })

const post = (a: Buffer, b: Buffer, tail = '</config>'): Buffer =>
  Buffer.from(
    `<config version="1.7"><smartType>PEA</smartType>` +
      `<sourceDataInfo><width>320</width><sourceBase64Data><![CDATA[${a.toString('base64')}]]></sourceBase64Data></sourceDataInfo>` +
      `<listInfo><item><targetId>5</targetId><targetImageData><Width>64</Width>` +
      `<targetBase64Data>${b.toString('base64')}</targetBase64Data></targetImageData></item></listInfo>${tail}`,
  )

function event(result: ParseResult): ViewtronEvent {
  if (result.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`)
  return result.event
}

async function* inChunks(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size)
}

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-images-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('image modes', () => {
  it("'memory' keeps the decoded JPEG bytes, byte for byte", () => {
    const e = event(parseEvent(post(overview, crop)))
    expect(e.getSourceImageBytes()?.equals(overview)).toBe(true)
    expect(e.getTargetImageBytes()?.equals(crop)).toBe(true)
    expect(e.sourceImage).toMatchObject({ valid: true, byteLength: overview.length, path: null })
    const bytes = e.sourceImage!.bytes()!
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9])
  })

  it("'discard' counts and validates but keeps nothing", () => {
    const e = event(parseEvent(post(overview, crop), { images: 'discard' }))
    expect(e.sourceImage).toMatchObject({ valid: true, byteLength: overview.length, path: null })
    expect(e.getSourceImageBytes()).toBeNull()
  })

  it('{ dir } streams each image to its own file, synchronously and streaming', async () => {
    const dir = tempDir()
    const a = event(parseEvent(post(overview, crop), { images: { dir } }))
    const b = event(
      await parseEventStream(inChunks(post(overview, crop), 777), { images: { dir } }),
    )
    const paths = [
      a.sourceImage?.path,
      a.targetImage?.path,
      b.sourceImage?.path,
      b.targetImage?.path,
    ]
    expect(new Set(paths).size).toBe(4)
    expect(readdirSync(dir).length).toBe(4)
    expect(readFileSync(b.sourceImage!.path!).equals(overview)).toBe(true)
    expect(b.getTargetImageBytes()?.equals(crop)).toBe(true)
    const streamed: Buffer[] = []
    for await (const chunk of b.sourceImage!.stream()) streamed.push(chunk as Buffer)
    expect(Buffer.concat(streamed).equals(overview)).toBe(true)
  })

  it('{ dir } leaves nothing behind when a body fails half way, or a broken image', async () => {
    const dir = tempDir()
    const full = post(overview, crop)
    const truncated = full.subarray(0, Math.floor(full.length / 2))
    expect((await parseEventStream(inChunks(truncated, 4096), { images: { dir } })).kind).toBe(
      'unparsed',
    )
    expect(parseEvent(truncated, { images: { dir } }).kind).toBe('unparsed')
    const limited = await parseEventStream(inChunks(post(overview, crop), 4096), {
      images: { dir },
      maxImageBytes: 1000,
    })
    expect(limited).toMatchObject({ kind: 'unparsed', reason: 'limit' })
    const broken = Buffer.from(
      post(overview, crop).toString().replace('</targetBase64Data>', '!</targetBase64Data>'),
    )
    const e = event(await parseEventStream(inChunks(broken, 4096), { images: { dir } }))
    expect(e.targetImage).toMatchObject({ valid: false, path: null })
    expect(readdirSync(dir)).toEqual([e.sourceImage!.path!.slice(dir.length + 1)])
  })

  it('an alarm status or keepalive never leaves files', async () => {
    const dir = tempDir()
    const status = Buffer.from(
      `<config version="1.7"><alarmStatusInfo><perimeterAlarm>true</perimeterAlarm></alarmStatusInfo>` +
        `<sourceBase64Data>${crop.toString('base64')}</sourceBase64Data></config>`,
    )
    expect((await parseEventStream(inChunks(status, 100), { images: { dir } })).kind).toBe(
      'alarmStatus',
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('an unwritable directory still delivers the event, with path null and an error', async () => {
    const dir = join(tempDir(), 'missing')
    const result = await parseEventStream(inChunks(post(overview, crop), 4096), { images: { dir } })
    const e = event(result)
    expect(e.sourceImage).toMatchObject({ valid: true, path: null, byteLength: overview.length })
    expect(e.sourceImage?.error).toMatch(/ENOENT/)
  })
})
