import { readFileSync } from 'node:fs'
import { captureFixtures, fixturePath } from '@viewtron/fixtures'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ParseResult, parseEvent, parseEventStream } from '../../src/index.js'
import { chunked } from '../helpers/chunked.js'
import { project } from '../helpers/project-result.js'

// Shapes of current firmware's real captures (API 2.1 plates, PASSLINECOUNT counters, the
// alarm-server heartbeat, face corner points): each must give its expectation whether the body
// arrives whole, a byte at a time, or in random pieces.

const cases = captureFixtures.map(({ file, expect }) => ({ file, expect }))

function check(result: ParseResult, expectation: object): void {
  expect(project(result)).toMatchObject(expectation as Record<string, unknown>)
}

describe('real-capture shapes in every feed mode', () => {
  it('covers every shape', () => {
    const files = cases.map((c) => c.file)
    for (const shape of ['lpr-api21', 'passlinecount-', 'heartbeat-alarm-server', 'face-corners'])
      expect(
        files.some((file) => file.includes(shape)),
        shape,
      ).toBe(true)
  })

  it.each(cases)('$file: whole body', ({ file, expect: expectation }) => {
    check(parseEvent(readFileSync(fixturePath(file))), expectation)
  })

  it.each(cases)('$file: 1-byte chunks', async ({ file, expect: expectation }) => {
    const body = readFileSync(fixturePath(file))
    const cuts = Array.from({ length: body.length }, (_, i) => i)
    check(await parseEventStream(chunked(body, cuts)), expectation)
  })

  it.each(cases)('$file: random chunks', async ({ file, expect: expectation }) => {
    const body = readFileSync(fixturePath(file))
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(body.length), { maxLength: 30 }), async (cuts) => {
        check(await parseEventStream(chunked(body, cuts)), expectation)
      }),
      { numRuns: 40 },
    )
  })

  it('takes the plate from the API 2.1 plate item and the overview from the other item', () => {
    const result = parseEvent(readFileSync(fixturePath('ipc-v1/lpr-api21-blacklist.xml')))
    if (result.kind !== 'event' || result.event.category !== 'lpr') throw new Error('not lpr')
    const { event } = result
    expect(event.getPlateNumber()).toBe('XRD8153')
    expect(event.getPlateGroup()).toBe('blackList')
    // Overview 64×48 and crop 32×16 in the small fixtures: the bytes are not swapped.
    expect(event.sourceImage?.width).toBe(64)
    expect(event.targetImage?.width).toBe(32)
    expect(event.getSourceImageBytes()?.equals(event.images[0]!.bytes()!)).toBe(true)
    expect(event.getTargetImageBytes()?.equals(event.images[1]!.bytes()!)).toBe(true)
  })
})
