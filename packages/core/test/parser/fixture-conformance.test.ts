import { readFileSync } from 'node:fs'
import { type Expectation, fixturePath, fixtures } from '@viewtron/fixtures'
import { describe, expect, it } from 'vitest'
import { parseEvent } from '../../src/index.js'
import { project } from '../helpers/project-result.js'

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
