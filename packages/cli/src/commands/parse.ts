import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { parseEventStream } from '@viewtron/core'
import { parseCommandLine } from '../command-line.js'
import { helpText } from '../help.js'
import type { Io } from '../io.js'
import { parseResultRecord } from '../parse-result-record.js'
import { reportUsage, UsageError } from '../usage-error.js'

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const

async function readable(file: string): Promise<string | null> {
  try {
    const info = await stat(file)
    return info.isFile() ? null : 'not a file'
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error)
  }
}

/**
 * `viewtron parse FILE...`: parses each captured body as the server would (streamed, images
 * counted and dropped) and prints the result as pretty JSON, one document per file; `-` reads
 * standard input. Exit code 1 when a file could not be read, 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  let files: string[]
  try {
    const { values, positionals } = parseCommandLine(args, OPTIONS, true)
    if (values.help === true) {
      io.stdout.write(helpText('parse'))
      return 0
    }
    if (positionals.length === 0) throw new UsageError('give at least one FILE to parse')
    files = positionals
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, 'parse', error)
    throw error
  }
  let code = 0
  for (const file of files) {
    if (io.signal.aborted) return 130
    const problem = file === '-' ? null : await readable(file)
    if (problem !== null) {
      io.stderr.write(`viewtron parse: cannot read ${file}: ${problem}\n`)
      code = 1
      continue
    }
    const body = file === '-' ? process.stdin : createReadStream(file)
    // 'discard' counts each image's bytes and checks its base64 without keeping it.
    const result = await parseEventStream(body, { images: 'discard', signal: io.signal })
    io.stdout.write(`${JSON.stringify(parseResultRecord(file, result), null, 2)}\n`)
  }
  return code
}
