import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { checkSourceFiles, countLines, isKebabName, MAX_LINES } from './check-source-files.mjs'

const SCRIPT = fileURLToPath(new URL('./check-source-files.mjs', import.meta.url))
const REPO = fileURLToPath(new URL('..', import.meta.url))

const dirs = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A scratch checkout holding `files` (path → line count or text); a git repository if `git`. */
function tree(files, { git = true } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'check-source-files-'))
  dirs.push(root)
  if (git) execFileSync('git', ['init', '-q', root])
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    const text = typeof content === 'number' ? 'export {}\n'.repeat(content) : content
    writeFileSync(join(root, path), text)
  }
  return root
}

const run = (root) => spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' })

describe('check-source-files', () => {
  it('passes this repository', () => {
    const result = run(REPO)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/names kebab-case, none over 320 lines/)
  })

  it('names every file and folder that is not kebab-case, tests included', () => {
    const root = tree({
      'src/byCategory.ts': 1,
      'src/internal/KeyWindow.ts': 1,
      'src/fakeCamera/read-xml.ts': 1,
      'src/snake_case.mjs': 1,
      'test/takeUntil.test.ts': 1,
      'src/by-camera.ts': 1,
      'src/api21-plate-items.ts': 1,
      'vite.config.ts': 1,
      '.pnpmfile.cjs': 1,
      'docs/SomeGuide.md': 'not source\n',
    })
    expect(checkSourceFiles(root, []).problems).toEqual([
      'src/byCategory.ts: not kebab-case (byCategory.ts)',
      'src/fakeCamera/read-xml.ts: not kebab-case (fakeCamera)',
      'src/internal/KeyWindow.ts: not kebab-case (KeyWindow.ts)',
      'src/snake_case.mjs: not kebab-case (snake_case.mjs)',
      'test/takeUntil.test.ts: not kebab-case (takeUntil.test.ts)',
    ])
  })

  it('fails a source file over the limit, but not tests, test helpers or generated files', () => {
    const root = tree({
      'src/at-limit.ts': MAX_LINES,
      'src/over-limit.ts': MAX_LINES + 1,
      'src/page/view.tsx': MAX_LINES + 50,
      'src/long.test.ts': 900,
      'test/helpers/long-helper.ts': 900,
      'src/types.d.ts': 900,
      'src/table.ts': `// @generated from the schema\n${'export {}\n'.repeat(900)}`,
    })
    expect(checkSourceFiles(root, []).problems).toEqual([
      'src/over-limit.ts: 321 lines, over 320: split it by concept',
      'src/page/view.tsx: 370 lines, over 320: split it by concept',
    ])
  })

  it('lets an allow-listed file stay over the limit, and fails a stale entry', () => {
    const root = tree({
      'src/server.ts': 700,
      'src/splitter.ts': 200,
    })
    const { problems } = checkSourceFiles(root, ['src/server.ts', 'src/splitter.ts', 'src/gone.ts'])
    expect(problems).toEqual([
      'src/splitter.ts: 200 lines, no longer over 320: remove it from OVERSIZED_FOR_NOW',
      'src/gone.ts: listed in OVERSIZED_FOR_NOW but not there: remove it from the list',
    ])
  })

  it('checks new files git does not ignore, and skips what it ignores', () => {
    const root = tree({
      '.gitignore': 'node_modules\ndist\n',
      'src/new-file.ts': 400,
      'node_modules/dep/BadName.js': 400,
      'dist/huge-bundle.js': 5000,
    })
    expect(checkSourceFiles(root, []).problems).toEqual([
      'src/new-file.ts: 400 lines, over 320: split it by concept',
    ])
  })

  it('walks the tree without git, skipping dependencies and build output', () => {
    const root = tree(
      {
        'src/fooBar.ts': 1,
        'node_modules/dep/BadName.js': 400,
        'packages/a/dist/huge-bundle.js': 5000,
      },
      { git: false },
    )
    const { problems, files } = checkSourceFiles(root, [])
    expect(problems).toEqual(['src/fooBar.ts: not kebab-case (fooBar.ts)'])
    expect(files).toBe(1)
  })

  it('exits 1 listing the offenders', () => {
    const root = tree({ 'src/badName.ts': 1, 'src/big-file.ts': 400 })
    const result = run(root)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('src/badName.ts: not kebab-case (badName.ts)')
    expect(result.stderr).toContain('src/big-file.ts: 400 lines, over 320: split it by concept')
  })

  it('counts lines as wc -l does, plus an unterminated last line', () => {
    expect(countLines('')).toBe(0)
    expect(countLines('a\n')).toBe(1)
    expect(countLines('a\nb')).toBe(2)
    expect(countLines('a\n\n')).toBe(2)
  })

  it('takes kebab-case names with dotted parts and a leading dot', () => {
    for (const name of [
      'by-category.ts',
      'vite.config.ts',
      '.pnpmfile.cjs',
      'ipc-v1',
      'a1.test.ts',
    ])
      expect(isKebabName(name), name).toBe(true)
    for (const name of ['byCategory.ts', 'Key-window.ts', 'a--b.ts', '-a.ts', 'a_b.ts', 'a..ts'])
      expect(isKebabName(name), name).toBe(false)
  })
})
