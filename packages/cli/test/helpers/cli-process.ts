import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { track } from './teardown.js'

/** The built binary: tests run what users run (build first: `pnpm build`). */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))

/** A spawned `viewtron` with its output collected as it arrives. */
export interface CliProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the output once `pattern` appears on stdout (or stderr with `from: 'stderr'`). */
  waitFor(pattern: RegExp, from?: 'stdout' | 'stderr', timeoutMs?: number): Promise<RegExpExecArray>
  /** Resolves with the exit code (or `null` when killed by a signal). */
  exited: Promise<number | null>
}

/** Where and how a `viewtron` runs: its folder and extra environment variables. */
export interface CliOptions {
  cwd?: string
  env?: Record<string, string>
}

/** Spawns `node dist/bin.js ...args`; `teardown()` in `afterEach` kills it if it still runs. */
export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  })
  let out = ''
  let err = ''
  const waiters = new Set<() => void>()
  const notify = (): void => {
    for (const waiter of waiters) waiter()
  }
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    out += text
    notify()
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    err += text
    notify()
  })
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      notify()
      resolve(code)
    })
  })
  track(child, async (running) => {
    if (running.exitCode !== null || running.signalCode !== null) return
    running.kill('SIGKILL')
    await exited
  })
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, from = 'stdout', timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(from === 'stdout' ? out : err)
          if (match !== null) {
            done()
            resolve(match)
          } else if (child.exitCode !== null) {
            done()
            reject(new Error(`exited (${child.exitCode}) before ${pattern}:\n${out}\n${err}`))
          }
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`))
        }, timeoutMs)
        const done = (): void => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      })
    },
  }
}

/** Runs `viewtron ...args` to completion. */
export async function runCli(
  args: string[],
  options: CliOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = startCli(args, options)
  const code = await cli.exited
  return { code, stdout: cli.stdout(), stderr: cli.stderr() }
}
