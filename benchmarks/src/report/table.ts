/** A table as rows of cells; the first row is the header. */
export type Table = string[][]

/** Aligned plain text for the terminal: numbers right-aligned, text left-aligned. */
export function textTable(table: Table): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)))
  const numeric = table[0]!.map((_, c) =>
    table.slice(1).every((row) => /^[-\d.,×%/ ]*$|^n\/a$/.test(row[c] ?? '')),
  )
  const line = (row: string[]) =>
    row
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd()
  const [head, ...body] = table
  return [line(head!), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

/** A GitHub Markdown table, numbers right-aligned. */
export function markdownTable(table: Table): string {
  const numeric = table[0]!.map((_, c) =>
    table.slice(1).every((row) => /^[-\d.,×%/ ]*$|^n\/a$/.test(row[c] ?? '')),
  )
  const [head, ...body] = table
  const line = (row: string[]) =>
    `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`
  return [
    line(head!),
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...body.map(line),
  ].join('\n')
}
