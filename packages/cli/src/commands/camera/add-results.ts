import type { AddResult } from '@viewtron/camera'
import type { Io } from '../../io.js'
import { printJson } from './camera-subcommand.js'
import { textTable } from './text-table.js'

function outcome(result: AddResult): string {
  if (result.status === 'added') return 'added'
  if (result.status === 'unchanged') return 'unchanged (already there)'
  const step = result.step === 'modify' ? 'added, but its details were refused: ' : 'failed: '
  return `${step}${result.description ?? 'unknown reason'}${result.code === null ? '' : ` (code ${result.code})`}`
}

/** Prints what `add` did with each plate; returns 1 when one failed, else 0. */
export function printAddResults(io: Io, results: readonly AddResult[], json: boolean): number {
  const failed = results.filter((r) => r.status === 'failed').length
  if (json) {
    printJson(
      io,
      results.map((r) => ({
        number: r.number,
        group: r.group.name,
        status: r.status,
        step: r.step,
        code: r.code,
        description: r.description,
      })),
    )
  } else {
    const rows = results.map((r) => [r.number, r.group.name, outcome(r)])
    io.stdout.write(textTable(['PLATE', 'GROUP', 'RESULT'], rows))
    const added = results.filter((r) => r.status === 'added').length
    const unchanged = results.length - added - failed
    io.stdout.write(`${added} added, ${unchanged} unchanged, ${failed} failed\n`)
  }
  return failed > 0 ? 1 : 0
}
