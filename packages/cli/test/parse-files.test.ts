import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fixturePath, fixtures } from '@viewtron/fixtures'
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers/cli-process.js'

/** The vendor's sample posts, kept outside the repository (`../shared` from its root). */
const SAMPLES =
  process.env.VIEWTRON_SAMPLES ??
  fileURLToPath(new URL('../../../../shared/viewtron-samples/', import.meta.url))

/** `parse` prints one pretty document per file; each ends with a `}` alone on its line. */
function documents(stdout: string): Record<string, unknown>[] {
  return stdout
    .split(/^}$/m)
    .filter((part) => part.trim() !== '')
    .map((part) => JSON.parse(`${part}}`))
}

/** The parts of an expectation that are not fields of the JSON (counts, the kind). */
function expectedFields(expect: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, imageCount: _count, validImageCount: _valid, ...fields } = expect
  return fields
}

describe('viewtron parse', () => {
  it('prints the expected JSON for every fixture post', async () => {
    const files = fixtures.map((f) => fixturePath(f.file))
    const run = await runCli(['parse', ...files])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const docs = documents(run.stdout)
    expect(docs).toHaveLength(fixtures.length)
    fixtures.forEach((fixture, i) => {
      const doc = docs[i] as Record<string, Record<string, unknown>>
      const expected = fixture.expect as unknown as Record<string, unknown>
      expect(doc.file, fixture.file).toBe(files[i])
      expect(doc.kind, fixture.file).toBe(fixture.expect.kind)
      switch (fixture.expect.kind) {
        case 'event': {
          const event = doc.event as Record<string, unknown> & { images: { valid: boolean }[] }
          expect(event, fixture.file).toMatchObject(expectedFields(expected))
          expect(event.images, fixture.file).toHaveLength(fixture.expect.imageCount)
          expect(
            event.images.filter((image) => image.valid),
            fixture.file,
          ).toHaveLength(fixture.expect.validImageCount)
          // Summaries only: no field anywhere holds image data.
          expect(JSON.stringify(event).length, fixture.file).toBeLessThan(8000)
          break
        }
        case 'keepalive':
          expect(doc.keepalive, fixture.file).toMatchObject(expectedFields(expected))
          break
        case 'alarmStatus':
          expect(doc.status, fixture.file).toMatchObject(expectedFields(expected))
          break
        case 'unparsed':
          expect(doc.reason, fixture.file).toBe(fixture.expect.reason)
      }
    })
  })

  it.skipIf(!existsSync(SAMPLES))(
    'parses a vendor sample (read in place, never copied)',
    async () => {
      const run = await runCli(['parse', `${SAMPLES}nvr-v2/vehicle-lpr.xml`])
      expect(run.code).toBe(0)
      const [doc] = documents(run.stdout)
      expect(doc).toMatchObject({
        kind: 'event',
        event: {
          category: 'lpr',
          alarmType: 'vehicle',
          alarmDescription: 'License Plate Detection',
          source: 'nvr',
          format: 'v2',
          plateNumber: 'JP116D',
          plateColor: 'white',
          targetId: 104,
          plateRect: { x1: 1104, y1: 546, x2: 1232, y2: 610 },
          vehicle: { type: 'mpv', color: 'white', brand: 'GMC', model: 'GMC_SAVANA' },
          // The samples carry placeholder strings instead of images: present, not valid.
          sourceImage: { role: 'source', valid: false, byteLength: 0, path: null },
          targetImage: { role: 'target', valid: false, byteLength: 0, path: null },
        },
      })
    },
  )

  it('reports a missing file and exits 1, still printing the others', async () => {
    const good = fixturePath('nvr-v2/keepalive.xml')
    const run = await runCli(['parse', 'no-such-file.xml', good])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('cannot read no-such-file.xml: ENOENT')
    expect(documents(run.stdout)).toEqual([expect.objectContaining({ kind: 'keepalive' })])
  })
})
