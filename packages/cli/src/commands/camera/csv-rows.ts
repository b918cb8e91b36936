/** One record of a CSV file, with the line it starts on. */
export interface CsvRow {
  line: number
  fields: string[]
}

/** A CSV file that cannot be read as records: where and why. */
export class CsvError extends Error {
  override readonly name = 'CsvError'
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`)
  }
}

/**
 * Splits CSV text (RFC 4180: commas, fields in double quotes with `""` for a quote, quoted line
 * breaks, CRLF or LF) into records with their starting line numbers. A leading BOM and blank
 * lines are skipped.
 */
export function csvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let start = 1
  let quoted = false
  let afterQuote = false
  let blank = true
  const endField = (): void => {
    fields.push(field)
    field = ''
    afterQuote = false
  }
  const endRow = (): void => {
    endField()
    if (!(blank && fields.length === 1 && fields[0] === '')) rows.push({ line: start, fields })
    fields = []
    blank = true
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
        afterQuote = true
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '\r' && body[i + 1] === '\n') continue
    if (c === '\n' || c === '\r') {
      endRow()
      line++
      start = line
      continue
    }
    if (c === ',') {
      endField()
      blank = false
      continue
    }
    if (afterQuote) throw new CsvError(line, 'text after a closing quote')
    if (c === '"') {
      if (field.trim() !== '') throw new CsvError(line, 'a quote inside an unquoted field')
      field = ''
      quoted = true
      blank = false
      continue
    }
    field += c
    if (c.trim() !== '') blank = false
  }
  if (quoted) throw new CsvError(start, 'a quoted field is not closed')
  endRow()
  return rows
}
