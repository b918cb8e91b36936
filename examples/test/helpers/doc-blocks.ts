import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

// Pages `pnpm bench` and `pnpm soak` write: their code blocks are shell commands and output.
const GENERATED = new Set(['docs/benchmarks.md', 'docs/soak.md'])

/** One fenced code block of a page. */
export interface DocBlock {
  /** The page, relative to the repository root (`docs/images.md`). */
  page: string
  /** 1-based line of the opening fence. */
  line: number
  /** The fence's info string (`ts`, `sh`, …); `''` when it has none. */
  lang: string
  /** The marker comment on the line before the fence (`run: quick-start`), or `null`. */
  marker: { kind: string; name: string } | null
  /** The block's text, ending with a newline. */
  source: string
}

/** The user documentation: README.md and every page in docs/ that is not generated. */
export function docPages(): string[] {
  const guides = readdirSync(`${ROOT}docs`)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
    .filter((page) => !GENERATED.has(page))
  return ['README.md', ...guides.sort()]
}

/** The packages' own READMEs (published with each package) and the examples' README. */
export function packagePages(): string[] {
  const folders = readdirSync(`${ROOT}packages`).map((name) => `packages/${name}`)
  return [...folders, 'test-fixtures', 'examples']
    .map((folder) => `${folder}/README.md`)
    .filter((page) => existsSync(`${ROOT}${page}`))
    .sort()
}

/** The text of a page. */
export function readPage(page: string): string {
  return readFileSync(`${ROOT}${page}`, 'utf8')
}

/** Every fenced code block of the documentation and the packages' READMEs, in page order. */
export function docBlocks(): DocBlock[] {
  return [...docPages(), ...packagePages()].flatMap((page) => blocksOf(page, readPage(page)))
}

/** The fenced code blocks of one page's text. */
export function blocksOf(page: string, text: string): DocBlock[] {
  const lines = text.split('\n')
  const blocks: DocBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] as string)
    if (open === null) continue
    const fence = open[1] as string
    let end = i + 1
    while (end < lines.length && !(lines[end] as string).startsWith(fence)) end++
    if (end === lines.length) throw new Error(`${page}:${i + 1}: code block is never closed`)
    const mark = /^<!-- ([\w-]+): (\S+) -->$/.exec(lines[i - 1] ?? '')
    blocks.push({
      page,
      line: i + 1,
      lang: (open[2] as string).trim(),
      marker: mark === null ? null : { kind: mark[1] as string, name: mark[2] as string },
      source: `${lines.slice(i + 1, end).join('\n')}\n`,
    })
    i = end
  }
  return blocks
}

/** The text of a page with its code blocks blanked out (for scanning prose only). */
export function proseOf(text: string): string {
  return text.replace(/^(`{3,}).*\n[\s\S]*?^\1\s*$/gm, '')
}
