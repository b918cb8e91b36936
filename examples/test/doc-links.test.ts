import { existsSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docPages, packagePages, proseOf, ROOT, readPage } from './helpers/doc-blocks.js'

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The anchors of a page's headings, numbered as GitHub numbers repeated ones. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const match of proseOf(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = anchorOf((match[1] as string).trim())
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/** Relative link targets in a page's prose: `[text](target)`, `![alt](target)`, `src="…"`. */
function linksOf(text: string): string[] {
  const prose = proseOf(text).replace(/`[^`]*`/g, '')
  const targets = [
    ...[...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string),
    ...[...prose.matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1] as string),
  ]
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
}

describe("links in README.md, docs/ and the packages' READMEs", () => {
  it('every relative link names a file that exists, and a heading of it when it has an anchor', () => {
    const broken: string[] = []
    let count = 0
    for (const page of [...docPages(), ...packagePages()]) {
      for (const target of linksOf(readPage(page))) {
        count++
        const [path = '', anchor] = target.split('#')
        const file = path === '' ? page : relative(ROOT, join(ROOT, dirname(page), path))
        if (!existsSync(join(ROOT, file))) {
          broken.push(`${page}: ${target} (no ${file})`)
        } else if (anchor !== undefined) {
          const isPage = statSync(join(ROOT, file)).isFile() && file.endsWith('.md')
          if (!isPage || !anchorsOf(readPage(file)).has(anchor)) {
            broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`)
          }
        }
      }
    }
    expect(broken).toEqual([])
    expect(count).toBeGreaterThan(40)
  })

  it('every guide is listed in the guides index, and the index in the README', () => {
    const index = readPage('docs/README.md')
    const guides = docPages().filter(
      (page) => page.startsWith('docs/') && page !== 'docs/README.md',
    )
    const unlisted = guides.filter((page) => !index.includes(`](${page.slice('docs/'.length)})`))
    expect(unlisted).toEqual([])
    expect(readPage('README.md')).toContain('](docs/README.md)')
    for (const generated of ['benchmarks.md', 'soak.md']) expect(index).toContain(`](${generated})`)
  })

  it('makes anchors as GitHub does', () => {
    expect(anchorOf('`viewtron serve --db` and `viewtron history`')).toBe(
      'viewtron-serve---db-and-viewtron-history',
    )
    expect(anchorOf('Refusing a post, presence and attached sinks')).toBe(
      'refusing-a-post-presence-and-attached-sinks',
    )
    expect(anchorsOf('# A\n\n## A\n\n```sh\n# not a heading\n```\n')).toEqual(new Set(['a', 'a-1']))
    expect(
      linksOf('[x](a.md#b) `[y](c.md)` ![i](p.png) <img src="q.png"> [w](https://e.org)'),
    ).toEqual(['a.md#b', 'p.png', 'q.png'])
  })
})
