import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docBlocks, docPages, proseOf, ROOT, readPage } from './helpers/doc-blocks.js'

const BIN = join(ROOT, 'packages', 'cli', 'dist', 'bin.js')

/** Every `viewtron <command> …` line the documentation shows, in shell blocks and inline code. */
function commandLines(): { page: string; line: string }[] {
  const shell = docBlocks()
    .filter((block) => block.lang === 'sh')
    .flatMap((block) => block.source.split('\n').map((line) => ({ page: block.page, line })))
  const inline = docPages().flatMap((page) =>
    [...proseOf(readPage(page)).matchAll(/`([^`]+)`/g)].map((m) => ({
      page,
      line: (m[1] as string).replace(/\s+/g, ' '),
    })),
  )
  return [...shell, ...inline]
    .map(({ page, line }) => ({ page, line: line.replace(/\s#.*$/, '').trim() }))
    .filter(({ line }) => /^viewtron [a-z]/.test(line))
}

/** The flags a command line uses: `--name` tokens, without any `=value`. */
export function flagsOf(line: string): string[] {
  return [...line.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((m) => m[1] as string)
}

describe('the viewtron commands the documentation shows', () => {
  const lines = commandLines()
  const help = new Map<string, string>()
  const helpOf = (command: string) => {
    if (!help.has(command)) {
      help.set(
        command,
        execFileSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8' }),
      )
    }
    return help.get(command) as string
  }

  it('are found in the pages', () => {
    expect(lines.length).toBeGreaterThan(30)
    expect(flagsOf("viewtron serve --ui --ui-host 0.0.0.0 --ui-auth admin:'a b'")).toEqual([
      '--ui',
      '--ui-host',
      '--ui-auth',
    ])
  })

  it('name commands that exist, with flags their --help lists', () => {
    const unknown: string[] = []
    for (const { page, line } of lines) {
      const command = line.split(' ')[1] as string
      let text: string
      try {
        text = helpOf(command)
      } catch {
        unknown.push(`${page}: ${line} (no command ${command})`)
        continue
      }
      for (const flag of flagsOf(line)) {
        if (!new RegExp(`(^|[\\s\\[])${flag}(?![\\w-])`, 'm').test(text)) {
          unknown.push(`${page}: ${line} (${flag} is not in 'viewtron ${command} --help')`)
        }
      }
    }
    expect(unknown).toEqual([])
  })

  it('document every flag each command lists in its --help', () => {
    const top = execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })
    const commands = [
      ...(/^Commands:\n((?: {2}\S.*\n)+)/m.exec(top)?.[1] ?? '').matchAll(/^ {2}(\S+)/gm),
    ]
    expect(commands.length).toBeGreaterThanOrEqual(7)
    const docs = docPages().map(readPage).join('\n')
    const missing: string[] = []
    for (const [, command] of commands) {
      for (const flag of new Set(flagsOf(helpOf(command as string)))) {
        if (flag !== '--help' && !new RegExp(`${flag}(?![\\w-])`).test(docs)) {
          missing.push(`viewtron ${command} ${flag}`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('list in option tables only flags the command of their section has', () => {
    const wrong: string[] = []
    let tables = 0
    for (const page of docPages()) {
      let commands: string[] = []
      for (const line of proseOf(readPage(page)).split('\n')) {
        if (/^#{1,6} /.test(line)) {
          commands = [...line.matchAll(/`viewtron ([a-z]+)/g)].map((m) => m[1] as string)
        }
        const cell = /^\| `(--[a-z][a-z0-9-]*)/.exec(line)?.[1]
        if (cell === undefined || commands.length === 0) continue
        tables++
        if (!commands.some((command) => flagsOf(helpOf(command)).includes(cell))) {
          wrong.push(`${page}: ${cell} (not in 'viewtron ${commands.join("' or '")} --help')`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(tables).toBeGreaterThan(25)
  })
})
