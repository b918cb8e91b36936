import { readFile } from 'node:fs/promises'
import type { Io } from '../../io.js'
import { printAddResults } from './add-results.js'
import type { CameraSubcommand } from './camera-subcommand.js'
import { type PlateRow, readPlateCsv } from './plate-csv.js'

/**
 * Reads and checks a plate file; prints every problem with its line and returns `null` when
 * there is one, so nothing is written from a file with mistakes.
 */
export async function loadPlateFile(
  file: string,
  io: Io,
  command: string,
): Promise<PlateRow[] | null> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    io.stderr.write(
      `viewtron camera ${command}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    )
    return null
  }
  const { plates, problems } = readPlateCsv(text)
  if (problems.length === 0) return plates
  io.stderr.write(
    `viewtron camera ${command}: ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n`,
  )
  for (const problem of problems) io.stderr.write(`  ${file}: ${problem}\n`)
  return null
}

/** `viewtron camera plates import FILE`: adds every plate of a CSV file. */
export const platesImport: CameraSubcommand = {
  options: {},
  arguments: ['FILE'],
  async run({ cam, positionals, io, json }) {
    const rows = await loadPlateFile(positionals[0] as string, io, 'plates import')
    if (rows === null) return 1
    const results = await cam.plates.add(
      rows.map((row) => row.plate),
      { signal: io.signal },
    )
    return printAddResults(io, results, json)
  },
}
