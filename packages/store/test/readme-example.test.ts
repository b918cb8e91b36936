import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'

const GUIDE = readFileSync(new URL('../../../docs/history-and-search.md', import.meta.url), 'utf8')
const example = /<!-- store-example: history -->\n```ts\n([\s\S]*?)\n```/.exec(GUIDE)?.[1] ?? ''

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the example of docs/history-and-search.md', () => {
  it('runs as written (on a free port) and leaves a database and its image folder', async () => {
    expect(example).toContain('openEventStore')
    expect(example).toContain('port: 5050')
    const dir = mkdtempSync(join(tmpdir(), 'viewtron-store-readme-'))
    const cwd = process.cwd()
    const printed: unknown[][] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args))
    try {
      process.chdir(dir)
      const file = join(dir, 'example.ts')
      writeFileSync(file, example.replace('port: 5050', 'port: 0'))
      await import(pathToFileURL(file).href)
      expect(existsSync(join(dir, 'events.db'))).toBe(true)
      expect(existsSync(join(dir, 'events-images'))).toBe(true)
      expect(printed.at(-1)?.[0]).toMatchObject({ events: 0, commits: 0 })
    } finally {
      process.chdir(cwd)
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
