#!/usr/bin/env node
// Keeps the source tree's conventions (see CONTRIBUTING.md): every source file and folder name
// is kebab-case, and no source file outside the tests grows past one concept (MAX_LINES).
// Run by `pnpm lint`; `node scripts/check-source-files.mjs [dir]` checks another checkout.
// Plain JavaScript, so it runs before anything is built.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Lines a non-test source file may have; about 300 is the most one concept needs. */
export const MAX_LINES = 320

/**
 * Files allowed over MAX_LINES for now (none today): a file may go here only while its split by
 * concept is under way. An entry that is back under the limit (or gone) fails the check, so the
 * list only shrinks.
 */
export const OVERSIZED_FOR_NOW = []

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/
/** Lower-case words joined by hyphens; dots only between such parts (`vite.config.ts`). */
const KEBAB_PART = /^[a-z0-9]+(-[a-z0-9]+)*$/
/** Folders never looked into when the tree is walked without git. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git', '.turbo'])

/** Whether one file or folder name is kebab-case; a leading dot (`.pnpmfile.cjs`) is allowed. */
export function isKebabName(name) {
  const parts = name.replace(/^\./, '').split('.')
  return parts.every((part) => KEBAB_PART.test(part))
}

/** Tests and their helpers (anything under a `test/` folder) may be longer: one case per block. */
export function isTestFile(path) {
  return path.split('/').includes('test') || /\.test(-d)?\.[a-z]+$/.test(path)
}

/** Declarations and files marked `@generated` in their first line are not written by hand. */
function isGenerated(path, text) {
  return path.endsWith('.d.ts') || /@generated/.test(text.slice(0, text.indexOf('\n') + 1))
}

/** Lines as `wc -l` counts them, plus an unterminated last line. */
export function countLines(text) {
  if (text === '') return 0
  const newlines = text.split('\n').length - 1
  return text.endsWith('\n') ? newlines : newlines + 1
}

/** Source files of the checkout, relative and with `/`: tracked and new ones git does not ignore. */
function sourceFiles(root) {
  let paths
  try {
    const out = execFileSync(
      'git',
      ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 2 ** 20 },
    )
    paths = out.split('\0').filter((path) => path !== '' && existsSync(join(root, path)))
  } catch {
    paths = walk(root, root)
  }
  return [...new Set(paths)].filter((path) => SOURCE.test(path)).sort()
}

/** Without git (an unpacked archive): every file except dependencies and build output. */
function walk(root, dir) {
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(root, path))
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'))
  }
  return out
}

/**
 * Checks the checkout at `root`; returns one line per problem (empty when it is clean) and how
 * many files were looked at.
 */
export function checkSourceFiles(root, allowed = OVERSIZED_FOR_NOW) {
  const problems = []
  const files = sourceFiles(root)
  const seenAllowed = new Set()
  for (const path of files) {
    const bad = path.split('/').filter((name) => !isKebabName(name))
    if (bad.length > 0) problems.push(`${path}: not kebab-case (${bad.join(', ')})`)
    if (isTestFile(path)) continue
    const text = readFileSync(join(root, path), 'utf8')
    if (isGenerated(path, text)) continue
    const lines = countLines(text)
    if (allowed.includes(path)) {
      seenAllowed.add(path)
      if (lines <= MAX_LINES) {
        problems.push(
          `${path}: ${lines} lines, no longer over ${MAX_LINES}: remove it from OVERSIZED_FOR_NOW`,
        )
      }
    } else if (lines > MAX_LINES) {
      problems.push(`${path}: ${lines} lines, over ${MAX_LINES}: split it by concept`)
    }
  }
  for (const path of allowed) {
    if (!seenAllowed.has(path)) {
      problems.push(`${path}: listed in OVERSIZED_FOR_NOW but not there: remove it from the list`)
    }
  }
  return { problems, files: files.length }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '..', '..'))
  const { problems, files } = checkSourceFiles(root)
  if (problems.length > 0) {
    process.stderr.write(
      `check-source-files: ${problems.length} problem(s) in ${files} source files\n` +
        `${problems.map((problem) => `  ${problem}`).join('\n')}\n` +
        'File names are kebab-case, named after what the file exports; a source file over ' +
        `${MAX_LINES} lines holds more than one concept (CONTRIBUTING.md).\n`,
    )
    process.exitCode = 1
  } else {
    process.stdout.write(
      `check-source-files: ${files} source files, names kebab-case, none over ${MAX_LINES} lines` +
        ` (${OVERSIZED_FOR_NOW.length} allowed for now)\n`,
    )
  }
}
