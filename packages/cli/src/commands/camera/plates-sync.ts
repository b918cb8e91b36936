import type { SyncStep, SyncStepResult } from '@viewtron/camera'
import { type CameraSubcommand, printJson } from './camera-subcommand.js'
import { loadPlateFile } from './plates-import.js'
import { textTable } from './text-table.js'

function where(step: SyncStep): string {
  return step.from === null ? step.group.name : `${step.from.name} -> ${step.group.name}`
}

function changes(step: SyncStep): string {
  return Object.entries(step.changes)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ')
}

function outcome(result: SyncStepResult): string {
  if (result.status !== 'failed') return result.status
  return `failed: ${result.description ?? 'unknown reason'}${result.code === null ? '' : ` (code ${result.code})`}`
}

/** `viewtron camera plates sync FILE [--prune] [--dry-run]`: make the lists match the file. */
export const platesSync: CameraSubcommand = {
  options: { prune: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  arguments: ['FILE'],
  async run({ cam, values, positionals, io, json }) {
    const rows = await loadPlateFile(positionals[0] as string, io, 'plates sync')
    if (rows === null) return 1
    const result = await cam.plates.sync(
      rows.map((row) => row.plate),
      { prune: values.prune === true, dryRun: values['dry-run'] === true, signal: io.signal },
    )
    const failed = result.results.filter((r) => r.status === 'failed').length
    if (json) {
      printJson(io, {
        dryRun: result.dryRun,
        unchanged: result.unchanged,
        steps: result.results.map((r) => ({
          action: r.action,
          number: r.number,
          group: r.group.name,
          from: r.from?.name ?? null,
          changes: r.changes,
          status: r.status,
          code: r.code,
          description: r.description,
        })),
      })
      return failed > 0 ? 1 : 0
    }
    const out = io.stdout
    if (result.plan.length === 0) {
      out.write(`Nothing to do: ${result.unchanged} plates already as listed.\n`)
      return 0
    }
    out.write(
      `Plan (${result.plan.length} change${result.plan.length === 1 ? '' : 's'}, ${result.unchanged} plates already as listed):\n`,
    )
    out.write(
      textTable(
        ['ACTION', 'PLATE', 'GROUP', 'DETAILS'],
        result.plan.map((s) => [s.action, s.number, where(s), changes(s)]),
      ),
    )
    if (result.dryRun) {
      out.write('Dry run: nothing was written.\n')
      return 0
    }
    out.write('\nOutcome:\n')
    out.write(
      textTable(
        ['ACTION', 'PLATE', 'GROUP', 'RESULT'],
        result.results.map((r) => [r.action, r.number, where(r), outcome(r)]),
      ),
    )
    out.write(`${result.results.length - failed} done, ${failed} failed\n`)
    return failed > 0 ? 1 : 0
  },
}
