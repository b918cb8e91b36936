import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The core package folder: children run there so `./test/helpers/register-ts.mjs` resolves. */
const CORE = fileURLToPath(new URL('../../', import.meta.url))

/** How a child process ended. */
export interface ChildRun {
  code: number | null
  ms: number
  stdout: string
  stderr: string
}

/**
 * Runs a TypeScript script of this package in a child `node` to its natural end. `shell` wraps
 * it in `bash -c` (e.g. `'ulimit -f 16'` before it); `prefix` runs it under another command
 * (e.g. `strace …`). Rejects, after killing the child, if it has not exited by itself within
 * `exitWithinMs`: something kept it alive.
 */
export function runChild(
  script: string,
  args: readonly string[] = [],
  options: { exitWithinMs: number; shell?: string; prefix?: readonly string[] },
): Promise<ChildRun> {
  const node = [
    ...(options.prefix ?? []),
    process.execPath,
    '--import',
    './test/helpers/register-ts.mjs',
    script,
    ...args,
  ]
  const [command, argv] =
    options.shell === undefined
      ? [node[0] as string, node.slice(1)]
      : ['bash', ['-c', `${options.shell} && exec "$0" "$@"`, ...node]]
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(command, argv, { cwd: CORE, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `the child did not exit within ${options.exitWithinMs} ms: something kept it alive\n${stdout}\n${stderr}`,
        ),
      )
    }, options.exitWithinMs)
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, ms: Date.now() - started, stdout, stderr })
    })
  })
}
