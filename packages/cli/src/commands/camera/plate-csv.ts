import { checkPlateInput, type GroupRef, groupKind, type PlateInput } from '@viewtron/camera'
import { CsvError, csvRows } from './csv-rows.js'

/** The columns a plate file may have; `plate` and `group` are required. */
export const PLATE_COLUMNS = ['plate', 'group', 'owner', 'telephone', 'begin', 'end'] as const

/** A plate read from a file, with its line. */
export interface PlateRow {
  line: number
  plate: PlateInput
}

/** A group as written on a command line or in a file: a kind, a camera list name, or an id. */
export function parseGroup(text: string): GroupRef | null {
  const value = text.trim()
  if (/^\d+$/.test(value)) return { id: value }
  const kind = groupKind(value)
  return kind === 'other' ? null : kind
}

/**
 * Reads a plate file and checks every row before anything is written: the header, the plate
 * text, the group, the times, plates listed twice. Returns the plates, or every problem found
 * with its line number.
 */
export function readPlateCsv(text: string): { plates: PlateRow[]; problems: string[] } {
  let rows: ReturnType<typeof csvRows>
  try {
    rows = csvRows(text)
  } catch (error) {
    if (error instanceof CsvError) return { plates: [], problems: [error.message] }
    throw error
  }
  const [header, ...records] = rows
  if (header === undefined) return { plates: [], problems: ['the file is empty'] }
  const names = header.fields.map((name) => name.trim().toLowerCase())
  const problems: string[] = []
  for (const name of names) {
    if (!(PLATE_COLUMNS as readonly string[]).includes(name)) {
      problems.push(
        `line ${header.line}: unknown column '${name}' (columns: ${PLATE_COLUMNS.join(',')})`,
      )
    }
  }
  for (const required of ['plate', 'group']) {
    if (!names.includes(required)) problems.push(`line ${header.line}: no '${required}' column`)
  }
  if (problems.length > 0) return { plates: [], problems }
  const plates: PlateRow[] = []
  const firstLine = new Map<string, number>()
  for (const { line, fields } of records) {
    if (fields.length !== names.length) {
      problems.push(`line ${line}: ${fields.length} fields, the header has ${names.length}`)
      continue
    }
    const cell = (name: string): string | undefined => {
      const value = fields[names.indexOf(name)]?.trim()
      return value === undefined || value === '' ? undefined : value
    }
    const group = parseGroup(cell('group') ?? '')
    if (group === null) {
      problems.push(
        `line ${line}: group '${cell('group') ?? ''}' is not allow, block, temporary or an id`,
      )
      continue
    }
    const plate: PlateInput = { number: cell('plate') ?? '', group }
    for (const name of ['owner', 'telephone', 'begin', 'end'] as const) {
      const value = cell(name)
      if (value !== undefined) plate[name] = value
    }
    try {
      checkPlateInput(plate, `line ${line}`)
    } catch (error) {
      problems.push((error as Error).message)
      continue
    }
    const seen = firstLine.get(plate.number)
    if (seen !== undefined) {
      problems.push(`line ${line}: plate ${plate.number} is already on line ${seen}`)
      continue
    }
    firstLine.set(plate.number, line)
    plates.push({ line, plate })
  }
  return { plates, problems }
}
