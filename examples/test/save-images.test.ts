import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { cleanUp, runExample } from './helpers/run-example.js'

afterEach(cleanUp)

it('save-images writes the overview and crop of each event as JPEG files', async () => {
  const run = await runExample('save-images', {
    env: { MAX_EVENTS: '2', OUT_DIR: 'shots' },
    simulate: { mode: 'mixed', kinds: ['lpr'], images: 'small' },
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const files = readdirSync(join(run.cwd, 'shots'))
  expect(files).toHaveLength(4)
  for (const file of files) {
    expect(file).toMatch(/_lpr_127\.0\.0\.1_(overview|crop)\.jpg$/)
    const jpeg = readFileSync(join(run.cwd, 'shots', file))
    expect(jpeg.readUInt16BE(0)).toBe(0xffd8)
    expect(jpeg.readUInt16BE(jpeg.length - 2)).toBe(0xffd9)
  }
  expect(run.stdout.match(/^saved /gm)).toHaveLength(4)
})
