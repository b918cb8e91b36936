import { readFileSync } from 'node:fs'
import { type Expectation, fixturePath, fixtures } from '@viewtron/fixtures'
import { describe, expect, it } from 'vitest'
import { type ParseResult, parseEvent } from '../../src/index.js'

/** Projects a parse result onto the shape the fixture expectations use. */
function project(result: ParseResult): Record<string, unknown> {
  switch (result.kind) {
    case 'unparsed':
      return { kind: 'unparsed', reason: result.reason }
    case 'keepalive': {
      const { form, source, format, configVersion, device } = result.keepalive
      return { kind: 'keepalive', form, source, format, configVersion, device }
    }
    case 'alarmStatus': {
      const { source, format, configVersion, device, alarms, time, rawTime } = result.status
      return {
        kind: 'alarmStatus',
        source,
        format,
        configVersion,
        device,
        alarms,
        time: time?.toISOString() ?? null,
        rawTime,
      }
    }
    case 'event': {
      const json = JSON.parse(JSON.stringify(result.event)) as Record<string, unknown>
      const e = result.event
      const pick = (image: typeof e.sourceImage) =>
        image === null
          ? null
          : {
              role: image.role,
              width: image.width,
              height: image.height,
              declaredLength: image.declaredLength,
              byteLength: image.byteLength,
              valid: image.valid,
            }
      return {
        ...json,
        kind: 'event',
        time: e.time?.toISOString() ?? null,
        imageCount: e.images.length,
        validImageCount: e.images.filter((image) => image.valid).length,
        sourceImage: pick(e.sourceImage),
        targetImage: pick(e.targetImage),
      }
    }
  }
}

describe('our fixtures (test-fixtures/posts) parse to their expectations', () => {
  it('has a fixture for every documented type and format', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80)
  })

  it.each(fixtures.map((f) => [f.file, f.expect] as [string, Expectation]))(
    '%s',
    (file, expectation) => {
      const result = parseEvent(readFileSync(fixturePath(file)))
      expect(project(result)).toMatchObject(expectation as unknown as Record<string, unknown>)
      // Real images decode to valid JPEGs.
      if (result.kind === 'event') {
        for (const image of result.event.images.filter((i) => i.valid)) {
          const bytes = image.bytes()!
          expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9])
        }
      }
    },
  )
})
