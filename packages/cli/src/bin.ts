#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { run as camera } from './commands/camera.js'
import { run as demo } from './commands/demo.js'
import { run as history } from './commands/history.js'
import { run as mqtt } from './commands/mqtt.js'
import { run as parse } from './commands/parse.js'
import { run as serve } from './commands/serve.js'
import { run as simulate } from './commands/simulate.js'
import { helpText } from './help.js'
import type { Command, Io } from './io.js'
import { reportUsage, UsageError } from './usage-error.js'

const COMMANDS: Record<string, Command> = { serve, simulate, parse, demo, camera, history, mqtt }

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return `${String(pkg.version)}\n`
}

/**
 * Runs the command named by `argv[0]`. Ctrl-C (or SIGTERM) aborts `io.signal` so the command
 * stops cleanly and prints its summary; a second Ctrl-C exits at once.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  const stop = new AbortController()
  const io: Io = { stdout: process.stdout, stderr: process.stderr, signal: stop.signal }
  if (name === undefined) {
    io.stderr.write(helpText('viewtron'))
    return 2
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText('viewtron'))
    return 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(version())
    return 0
  }
  const command = COMMANDS[name]
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`
    return reportUsage(io, '', new UsageError(what))
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) process.exit(130)
    stop.abort(new Error(`received ${signal}`))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    return await command(args, io)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`viewtron: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
